/// The state of a certificate on a date, computed (never stored), with the
/// rule and date behind it.
public struct CertificateStatus: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case valid
        case reviewWindowOpen = "review_window_open"
        case reviewOverdue = "review_overdue"
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
            case .reviewOverdue: LocalizedText(zh: "逾期未复审", en: "review overdue")
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
        if let c = cert.cancelled, c.date <= date {
            add(.cancelled, "R-CERT-7", c.date, zh: "\(c.date) 注销：\(c.reason)", en: "cancelled on \(c.date): \(c.reason)")
        }
        if let r = cert.revoked, r.date <= date {
            add(.revoked, "R-CERT-7", r.date, zh: "\(r.date) 撤销：\(r.reason)", en: "revoked on \(r.date): \(r.reason)")
        }
        if date > cert.validityEnd {
            add(.expired, "R-CERT-3", cert.validityEnd, zh: "有效期至 \(cert.validityEnd)", en: "valid until \(cert.validityEnd)")
        }
        let due = ReviewSchedule.nextDue(cert, on: date, rules: rules)
        if let due {
            if date > due.date {
                add(.reviewOverdue, "R-CERT-5", due.date, zh: "应于 \(due.date) 前复审，未复审", en: "review was due on \(due.date)")
            } else if date >= due.date.adding(days: -rules.reviewWindowDays) {
                add(.reviewWindowOpen, "R-CERT-5", due.date, zh: "复审期已开始，应于 \(due.date) 前复审", en: "review due on \(due.date); window open")
            }
        }
        if let off = cert.offPostSince, date >= off.adding(months: rules.offPostMonthsForPracticalExam) {
            add(.needsPracticalExam, "R-CERT-8", off, zh: "自 \(off) 起离开特种作业岗位满\(rules.offPostMonthsForPracticalExam)个月，须重新进行实际操作考试",
                en: "off special-operations posts since \(off): practical exam required")
        }
        let order: [State] = [.notYetIssued, .cancelled, .revoked, .expired, .reviewOverdue, .needsPracticalExam, .reviewWindowOpen]
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

/// R-CERT-4/5: when reviews fall due.
public enum ReviewSchedule {
    public struct Due: Sendable, Equatable {
        public var date: CivilDate
        public var extended: Bool
    }

    /// R-CERT-4: the holder's side of the extension — in the trade continuously
    /// for the minimum years by `date`, with no verified violations.
    public static func extensionEligible(_ cert: SpecialOpCertificate, at date: CivilDate, rules: CertificateRuleSet) -> Bool {
        guard let since = cert.inTradeSince else { return false }
        return cert.violations == 0 && since.adding(years: rules.extensionMinYearsInTrade) <= date
    }

    /// R-CERT-4: the longer interval applies when the authority consented and
    /// the holder, by `date`, has worked in the trade for the minimum years
    /// within validity with no verified violations.
    public static func extensionApplies(_ cert: SpecialOpCertificate, at date: CivilDate, rules: CertificateRuleSet) -> Bool {
        guard let consent = cert.extensionConsent, consent.date <= date, let since = cert.inTradeSince else { return false }
        return cert.violations == 0 && since.adding(years: rules.extensionMinYearsInTrade) <= date
    }

    /// Walks the due dates from the start of the current validity period
    /// (R-CERT-12: not from the first issue, which a renewal leaves behind):
    /// each passed review made in its window satisfies one due date; the first
    /// due date not satisfied is returned. Nil when the next due date lies
    /// beyond the validity end (the renewal is then the end-of-validity review).
    public static func nextDue(_ cert: SpecialOpCertificate, on date: CivilDate, rules: CertificateRuleSet) -> Due? {
        let periodStart = cert.validityStart
        // Only reviews of this period made by `date` count: a status for a date
        // knows nothing that happened after it.
        let passed = cert.reviews.filter { $0.passed && $0.date >= periodStart && $0.date <= date }.map(\.date).sorted()
        var anchor = periodStart
        var used = 0
        while true {
            let extended = extensionApplies(cert, at: anchor, rules: rules)
            let interval = extended ? rules.extendedReviewIntervalYears : rules.reviewIntervalYears
            var dueDate = anchor.adding(years: interval)
            if dueDate > cert.validityEnd { dueDate = cert.validityEnd }
            // A passed review inside [due - window, due] satisfies this due date.
            let windowStart = dueDate.adding(days: -rules.reviewWindowDays)
            if used < passed.count, let i = passed[used...].firstIndex(where: { $0 >= windowStart && $0 <= dueDate }) {
                used = i + 1
                if dueDate == cert.validityEnd { return nil }  // renewed: a new validity is recorded separately
                anchor = dueDate
                continue
            }
            return Due(date: dueDate, extended: extended)
        }
    }

    /// R-CERT-12 (延期复审): a passed review on `date` that is the end-of-validity
    /// review, made in its window, starts a new period from the old end for the
    /// rule set's years. Nil for any other review. Asked before the review is
    /// recorded.
    public static func renewal(_ cert: SpecialOpCertificate, reviewedOn date: CivilDate, rules: CertificateRuleSet)
        -> (start: CivilDate, end: CivilDate)?
    {
        guard let due = nextDue(cert, on: date, rules: rules), due.date == cert.validityEnd,
              date >= due.date.adding(days: -rules.reviewWindowDays), date <= due.date
        else { return nil }
        return (cert.validityEnd, cert.validityEnd.adding(years: rules.validityYears))
    }

    /// R-CERT-5/6: may a review be recorded on `date`? Returns the refusals.
    public static func refusals(
        _ cert: SpecialOpCertificate, on date: CivilDate, trainingHours: Int, rules: CertificateRuleSet
    ) -> [CertificateStatus.Reason] {
        var out: [CertificateStatus.Reason] = []
        let status = CertificateStatus.evaluate(cert, on: date, rules: rules)
        if [.cancelled, .revoked, .expired].contains(status.state) {
            out.append(.init(rule: "R-CERT-7", date: date, message: LocalizedText(zh: "证书\(status.state.label.zh)，不能复审", en: "certificate is \(status.state.label.en)")))
        }
        if let due = nextDue(cert, on: date, rules: rules)?.date {
            let opens = due.adding(days: -rules.reviewWindowDays)
            if date < opens {
                out.append(.init(rule: "R-CERT-5", date: opens, message: LocalizedText(zh: "复审期自 \(opens) 开始", en: "the review window opens on \(opens)")))
            } else if date > due {
                out.append(.init(rule: "R-CERT-5", date: due, message: LocalizedText(zh: "已超过复审期限 \(due)", en: "the review was due on \(due)")))
            }
        } else {
            out.append(.init(rule: "R-CERT-5", date: cert.validityEnd, message: LocalizedText(zh: "本有效期内无待复审", en: "no review due in this validity period")))
        }
        if trainingHours < rules.minReviewTrainingHours {
            out.append(.init(rule: "R-CERT-5", date: date, message: LocalizedText(
                zh: "复审前培训不少于\(rules.minReviewTrainingHours)学时（实际\(trainingHours)）",
                en: "at least \(rules.minReviewTrainingHours) class hours of training (had \(trainingHours))")))
        }
        if cert.violations >= rules.blockingViolations {
            out.append(.init(rule: "R-CERT-6", date: date, message: LocalizedText(
                zh: "有\(cert.violations)次违章行为记录，不予复审", en: "\(cert.violations) verified violations")))
        }
        return out
    }
}
