/// R-CERT-4/5/12/13: when reviews fall due, and what the reviews recorded so
/// far have made of the current validity period.
public enum ReviewSchedule {
    public struct Due: Sendable, Equatable {
        public var date: CivilDate
        public var extended: Bool
    }

    /// Where the period stands on a date.
    public struct Outcome: Sendable, Equatable {
        /// The first due date not yet satisfied; nil when none is left in this
        /// period (the end-of-validity review passed: a new period is recorded separately).
        public var due: Due?
        /// A review of `due` refused in a case that allows a retest (Art. 26),
        /// with the day by which the retest must pass.
        public var refused: Refusal?
        /// The certificate lapsed (R-CERT-13): terminal.
        public var lapse: Lapse?
    }

    public struct Refusal: Sendable, Equatable {
        public var on: CivilDate
        public var ground: ReviewRefusalGround
        public var retestBy: CivilDate
    }

    public struct Lapse: Sendable, Equatable {
        public enum Cause: Sendable, Equatable {
            /// Not reviewed by the due date (or the retest's deadline).
            case notReviewedOnTime(due: CivilDate)
            /// Refused in a case with no retest (Art. 25 (1), (6)).
            case refusedWithoutRetest(ReviewRefusalGround)
            /// The retest after a refusal failed too (Art. 26: 再复审仍不合格).
            case retestFailed
        }
        /// The first day the certificate is lapsed.
        public var on: CivilDate
        public var cause: Cause
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
        guard let consent = cert.extensionConsent, consent.date <= date else { return false }
        return extensionEligible(cert, at: date, rules: rules)
    }

    /// Walks the due dates from the start of the current validity period
    /// (R-CERT-12: not from the first issue, which a renewal leaves behind).
    /// Each due date is satisfied by a passed review in its window; a review
    /// not passed there is refused (Art. 25): in the cases that allow it one
    /// retest may pass by the due date plus the rule set's grace, otherwise,
    /// or when the retest fails or never comes, the certificate lapses (R-CERT-13).
    /// Only reviews made by `date` count: a status for a date knows nothing that
    /// happened after it.
    public static func outcome(_ cert: SpecialOpCertificate, on date: CivilDate, rules: CertificateRuleSet) -> Outcome {
        let reviews = cert.reviews.filter { $0.date >= cert.validityStart && $0.date <= date }.sorted { $0.date < $1.date }
        var anchor = cert.validityStart
        var next = 0
        while true {
            let extended = extensionApplies(cert, at: anchor, rules: rules)
            var dueDate = anchor.adding(years: extended ? rules.extendedReviewIntervalYears : rules.reviewIntervalYears)
            if dueDate > cert.validityEnd { dueDate = cert.validityEnd }
            let due = Due(date: dueDate, extended: extended)
            let windowStart = dueDate.adding(days: -rules.reviewWindowDays)
            let retestBy = dueDate.adding(days: rules.retestGraceDays)
            var refusal: Refusal?
            var satisfied = false
            while next < reviews.count {
                let r = reviews[next]
                if r.date < windowStart { next += 1; continue }  // made before the window: does not count
                if r.date > (refusal == nil ? dueDate : retestBy) { break }
                next += 1
                if r.passed { satisfied = true; break }
                let ground = r.ground ?? .trainingOrExamFailed
                if refusal != nil { return Outcome(due: due, refused: refusal, lapse: Lapse(on: r.date, cause: .retestFailed)) }
                guard ground.allowsRetest else {
                    return Outcome(due: due, refused: nil, lapse: Lapse(on: r.date, cause: .refusedWithoutRetest(ground)))
                }
                refusal = Refusal(on: r.date, ground: ground, retestBy: retestBy)
            }
            if satisfied {
                if dueDate == cert.validityEnd { return Outcome(due: nil, refused: nil, lapse: nil) }
                anchor = dueDate
                continue
            }
            let lapseDay = (refusal == nil ? dueDate : retestBy).adding(days: 1)
            let lapse = date >= lapseDay ? Lapse(on: lapseDay, cause: .notReviewedOnTime(due: dueDate)) : nil
            return Outcome(due: due, refused: refusal, lapse: lapse)
        }
    }

    /// The next due date (nil when none is left in this period).
    public static func nextDue(_ cert: SpecialOpCertificate, on date: CivilDate, rules: CertificateRuleSet) -> Due? {
        outcome(cert, on: date, rules: rules).due
    }

    /// Whether a review on `date` is the one for the outcome's due date: inside
    /// its window, or a retest by its deadline after a refusal.
    static func isTimely(_ o: Outcome, on date: CivilDate, rules: CertificateRuleSet) -> Bool {
        guard let due = o.due?.date, o.lapse == nil else { return false }
        if let r = o.refused { return date >= r.on && date <= r.retestBy }
        return date >= due.adding(days: -rules.reviewWindowDays) && date <= due
    }

    /// R-CERT-12 (延期复审): a passed review on `date` that is the end-of-validity
    /// review (or its retest), made on time, starts a new period from the old end
    /// for the rule set's years. Nil for any other review. Asked before the
    /// review is recorded.
    public static func renewal(_ cert: SpecialOpCertificate, reviewedOn date: CivilDate, rules: CertificateRuleSet)
        -> (start: CivilDate, end: CivilDate)?
    {
        let o = outcome(cert, on: date, rules: rules)
        guard o.due?.date == cert.validityEnd, isTimely(o, on: date, rules: rules) else { return nil }
        return (cert.validityEnd, cert.validityEnd.adding(years: rules.validityYears))
    }

    /// R-CERT-5/6/13: may a review with this result be recorded on `date`?
    /// Returns the refusals. A review that is not passed needs no training
    /// hours or clean record: it records the refusal.
    public static func refusals(
        _ cert: SpecialOpCertificate, on date: CivilDate, trainingHours: Int, passed: Bool = true, rules: CertificateRuleSet
    ) -> [CertificateStatus.Reason] {
        var out: [CertificateStatus.Reason] = []
        let status = CertificateStatus.evaluate(cert, on: date, rules: rules)
        if [.cancelled, .revoked, .expired, .lapsed, .notYetIssued].contains(status.state) {
            let rule = status.state == .lapsed ? "R-CERT-13" : "R-CERT-7"
            out.append(.init(rule: rule, date: date, message: LocalizedText(
                zh: "证书\(status.state.label.zh)，不能复审", en: "certificate is \(status.state.label.en)")))
            return out
        }
        let o = outcome(cert, on: date, rules: rules)
        if let due = o.due?.date {
            let opens = due.adding(days: -rules.reviewWindowDays)
            if !isTimely(o, on: date, rules: rules) {
                if date < opens {
                    out.append(.init(rule: "R-CERT-5", date: opens, message: LocalizedText(zh: "复审期自 \(opens) 开始", en: "the review window opens on \(opens)")))
                } else {
                    out.append(.init(rule: "R-CERT-5", date: due, message: LocalizedText(zh: "已超过复审期限 \(due)", en: "the review was due on \(due)")))
                }
            }
        } else {
            out.append(.init(rule: "R-CERT-5", date: cert.validityEnd, message: LocalizedText(zh: "本有效期内无待复审", en: "no review due in this validity period")))
        }
        guard passed else { return out }
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
