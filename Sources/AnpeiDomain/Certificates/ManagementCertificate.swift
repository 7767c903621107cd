/// R-CERT-11: 安全生产知识和管理能力考核合格证 of principals (主要负责人) and
/// safety managers (安全生产管理人员): valid for a fixed number of years; a
/// re-examination passed within the window before expiry continues it for
/// another period; otherwise it lapses and the holder sits the exam afresh.
public struct ManagementCertificate: Sendable, Equatable {
    public struct Reexamination: Sendable, Equatable {
        public var date: CivilDate
        public var score: Int
        public init(date: CivilDate, score: Int) {
            self.date = date
            self.score = score
        }
    }

    public var issued: CivilDate
    /// Passed re-examinations, each recorded on its date.
    public var reexaminations: [Reexamination]
    public var revoked: SpecialOpCertificate.Ending?

    public init(issued: CivilDate, reexaminations: [Reexamination] = [], revoked: SpecialOpCertificate.Ending? = nil) {
        self.issued = issued
        self.reexaminations = reexaminations
        self.revoked = revoked
    }

    /// The end of validity as known on `date`: each passed re-examination up to
    /// that date continues validity from the previous end, so renewing early in
    /// the window loses no days.
    public func validityEnd(asOf date: CivilDate, rules: CertificateRuleSet) -> CivilDate {
        var end = issued.adding(years: rules.managementValidityYears)
        for r in reexaminations.sorted(by: { $0.date < $1.date }) where r.date <= date && r.score >= rules.managementPassScore {
            end = end.adding(years: rules.managementValidityYears)
        }
        return end
    }
}

public enum ManagementCertificateStatus {
    public static func evaluate(issued: CivilDate, on date: CivilDate, rules: CertificateRuleSet) -> CertificateStatus {
        evaluate(ManagementCertificate(issued: issued), on: date, rules: rules)
    }

    /// The state on `date`: revoked, expired, re-examination window open, or valid.
    public static func evaluate(_ cert: ManagementCertificate, on date: CivilDate, rules: CertificateRuleSet) -> CertificateStatus {
        let end = cert.validityEnd(asOf: date, rules: rules)
        let opens = end.adding(days: -rules.managementRenewalWindowDays)
        if let r = cert.revoked, r.date <= date {
            return CertificateStatus(
                state: .revoked, mayWork: false,
                reasons: [.init(rule: "R-CERT-11", date: r.date, message: LocalizedText(zh: "\(r.date) 撤销：\(r.reason)", en: "revoked on \(r.date): \(r.reason)"))],
                reviewDue: nil, ruleSet: rules.id)
        }
        let state: CertificateStatus.State
        let message: LocalizedText
        if date > end {
            state = .expired
            message = LocalizedText(zh: "有效期至 \(end)，已过期，须重新参加考核", en: "expired on \(end); the exam must be taken again")
        } else if date >= opens {
            state = .reviewWindowOpen
            message = LocalizedText(zh: "应在 \(end) 前申请再考核", en: "apply for re-examination before \(end)")
        } else {
            state = .valid
            message = LocalizedText(zh: "有效期至 \(end)", en: "valid until \(end)")
        }
        return CertificateStatus(
            state: state, mayWork: state != .expired, reasons: [.init(rule: "R-CERT-11", date: end, message: message)],
            reviewDue: state == .expired ? nil : end, ruleSet: rules.id)
    }

    /// Why a re-examination on `date` with `score` cannot continue the
    /// certificate (empty when it can): outside the window, lapsed, revoked,
    /// or below the pass mark.
    public static func reexaminationRefusals(
        _ cert: ManagementCertificate, on date: CivilDate, score: Int, rules: CertificateRuleSet
    ) -> [CertificateStatus.Reason] {
        var out: [CertificateStatus.Reason] = []
        let end = cert.validityEnd(asOf: date, rules: rules)
        let opens = end.adding(days: -rules.managementRenewalWindowDays)
        if let r = cert.revoked, r.date <= date {
            out.append(.init(rule: "R-CERT-11", date: r.date, message: LocalizedText(zh: "证书已于 \(r.date) 撤销", en: "revoked on \(r.date)")))
        }
        if date > end {
            out.append(.init(rule: "R-CERT-11", date: end, message: LocalizedText(
                zh: "证书已于 \(end) 过期，不能再考核续期，须重新参加考核", en: "lapsed on \(end); a new exam is needed, not a re-examination")))
        } else if date < opens {
            out.append(.init(rule: "R-CERT-11", date: opens, message: LocalizedText(
                zh: "再考核应在有效期届满前\(rules.managementRenewalWindowDays)日内（\(opens) 起）进行",
                en: "re-examination is possible from \(opens), \(rules.managementRenewalWindowDays) days before expiry")))
        }
        if score < 0 || score > 100 {
            out.append(.init(rule: "R-CERT-11", date: date, message: LocalizedText(zh: "成绩须在 0–100 之间", en: "score must be 0–100")))
        } else if score < rules.managementPassScore {
            out.append(.init(rule: "R-CERT-11", date: date, message: LocalizedText(
                zh: "考核成绩 \(score) 分，低于合格分数 \(rules.managementPassScore) 分", en: "score \(score) is below the pass mark \(rules.managementPassScore)")))
        }
        return out
    }
}
