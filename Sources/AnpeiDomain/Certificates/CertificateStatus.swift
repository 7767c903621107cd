/// The state of a certificate on a date, computed (never stored), with the
/// rule and date behind it.
public struct CertificateStatus: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case valid
        case reviewWindowOpen = "review_window_open"
        /// A review of the due date was refused; a retest may still pass (Art. 26).
        case reviewRefused = "review_refused"
        /// 失效: not reviewed on time, or refused without (or failing) the retest (R-CERT-13). Terminal.
        case lapsed
        case expired
        case revoked
        case cancelled
        case needsPracticalExam = "needs_practical_exam"
        /// Asked about a day before the certificate was issued (R-CERT-1).
        case notYetIssued = "not_yet_issued"

        public var label: LocalizedText {
            switch self {
            case .valid: LocalizedText(zh: "有效", en: "valid")
            case .reviewWindowOpen: LocalizedText(zh: "待复审", en: "review window open")
            case .reviewRefused: LocalizedText(zh: "复审不予通过，须重新培训考试", en: "review refused: retrain and retest")
            case .lapsed: LocalizedText(zh: "失效", en: "lapsed")
            case .expired: LocalizedText(zh: "已过期", en: "expired")
            case .revoked: LocalizedText(zh: "已撤销", en: "revoked")
            case .cancelled: LocalizedText(zh: "已注销", en: "cancelled")
            case .needsPracticalExam: LocalizedText(zh: "须重新进行实际操作考试", en: "needs a new practical exam")
            case .notYetIssued: LocalizedText(zh: "尚未发证", en: "not yet issued")
            }
        }
    }

    public struct Reason: Sendable, Equatable {
        public var rule: String
        public var date: CivilDate
        public var message: LocalizedText
    }

    public var state: State
    /// Whether the holder may do the work on that date.
    public var mayWork: Bool
    public var reasons: [Reason]
    /// The next review due, when one is still ahead or missed.
    public var reviewDue: CivilDate?
    public var ruleSet: String
    /// R-CERT-4: whether the holder qualifies for the longer review interval on
    /// the date (in the trade for the minimum years, no verified violations),
    /// consent or not; nil where the rule does not apply (management certificates).
    public var extensionEligible: Bool? = nil

    /// Evaluates `cert` on `date` under `rules` (R-CERT-3 … R-CERT-8). The most
    /// severe state wins; every reason found is listed.
    public static func evaluate(_ cert: SpecialOpCertificate, on date: CivilDate, rules: CertificateRuleSet) -> CertificateStatus {
        var reasons: [Reason] = []
        var states: [State] = []
        func add(_ state: State, _ rule: String, _ day: CivilDate, zh: String, en: String) {
            states.append(state)
            reasons.append(Reason(rule: rule, date: day, message: LocalizedText(zh: zh, en: en)))
        }
        // R-CERT-1: before its issue a certificate lets nobody work.
        if date < cert.firstIssued {
            add(.notYetIssued, "R-CERT-1", cert.firstIssued, zh: "\(cert.firstIssued) 才发证", en: "issued only on \(cert.firstIssued)")
        }
        if let r = cert.revoked, r.date <= date {
            add(.revoked, "R-CERT-7", r.date, zh: "\(r.date) 撤销：\(r.reason)", en: "revoked on \(r.date): \(r.reason)")
        }
        if let c = cert.cancelled, c.date <= date {
            add(.cancelled, "R-CERT-7", c.date, zh: "\(c.date) 注销：\(c.reason)", en: "cancelled on \(c.date): \(c.reason)")
        }
        if date > cert.validityEnd {
            add(.expired, "R-CERT-3", cert.validityEnd, zh: "有效期至 \(cert.validityEnd)，未延期复审", en: "valid until \(cert.validityEnd), not renewed")
        }
        let outcome = ReviewSchedule.outcome(cert, on: date, rules: rules)
        let due = outcome.due
        if let lapse = outcome.lapse {
            // The end of validity passing unrenewed is reported as expiry (above).
            if case .notReviewedOnTime(let d) = lapse.cause, d == cert.validityEnd, outcome.refused == nil {} else {
                let (zh, en): (String, String) = switch lapse.cause {
                case .notReviewedOnTime(let d): ("应于 \(d) 前复审，未按期复审，证书自 \(lapse.on) 起失效",
                                                 "not reviewed by \(d): lapsed on \(lapse.on)")
                case .refusedWithoutRetest(let g): ("复审不予通过（\(g.label.zh)），证书自 \(lapse.on) 起失效",
                                                    "review refused (\(g.label.en)): lapsed on \(lapse.on)")
                case .retestFailed: ("再复审仍不合格，证书自 \(lapse.on) 起失效", "the retest failed too: lapsed on \(lapse.on)")
                }
                add(.lapsed, "R-CERT-13", lapse.on, zh: zh, en: en)
            }
        } else if let r = outcome.refused {
            add(.reviewRefused, "R-CERT-6", r.on, zh: "\(r.on) 复审不予通过（\(r.ground.label.zh)），须重新培训考试合格，最迟于 \(r.retestBy) 再复审",
                en: "review refused on \(r.on) (\(r.ground.label.en)): retest by \(r.retestBy)")
        } else if let due, date >= due.date.adding(days: -rules.reviewWindowDays) {
            add(.reviewWindowOpen, "R-CERT-5", due.date, zh: "复审期已开始，应于 \(due.date) 前复审", en: "review due on \(due.date); window open")
        }
        if let gap = PostHistory.uncleared(cert, on: date, rules: rules) {
            let last = gap.from.adding(days: -1)
            add(.needsPracticalExam, "R-CERT-8", last, zh: "\(last) 后离开特种作业岗位\(rules.offPostMonthsForPracticalExam)个月以上，须重新进行实际操作考试",
                en: "off special-operations posts after \(last) for \(rules.offPostMonthsForPracticalExam) months or more: practical exam required")
        }
        let order: [State] = [.notYetIssued, .revoked, .cancelled, .lapsed, .expired, .reviewRefused, .needsPracticalExam, .reviewWindowOpen]
        let state = order.first(where: states.contains) ?? .valid
        if state == .valid {
            reasons.append(Reason(rule: "R-CERT-3", date: cert.validityEnd,
                                  message: LocalizedText(zh: "有效期至 \(cert.validityEnd)", en: "valid until \(cert.validityEnd)")))
        }
        return CertificateStatus(
            state: state, mayWork: state == .valid || state == .reviewWindowOpen, reasons: reasons,
            reviewDue: due?.date, ruleSet: rules.id,
            extensionEligible: ReviewSchedule.extensionEligible(cert, at: date, rules: rules))
    }
}

