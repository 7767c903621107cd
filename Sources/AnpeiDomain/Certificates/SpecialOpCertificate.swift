/// What the status rules need to know about one 特种作业操作证.
public struct SpecialOpCertificate: Codable, Sendable, Equatable {
    public struct Review: Codable, Sendable, Equatable {
        public var date: CivilDate
        public var trainingHours: Int
        public var passed: Bool
        public init(date: CivilDate, trainingHours: Int, passed: Bool) {
            self.date = date
            self.trainingHours = trainingHours
            self.passed = passed
        }
    }

    /// R-CERT-4: the issuing authority's consent to the longer interval.
    public struct ExtensionConsent: Codable, Sendable, Equatable {
        public var date: CivilDate
        public init(date: CivilDate) { self.date = date }
    }

    public struct Ending: Codable, Sendable, Equatable {
        public var date: CivilDate
        public var reason: String
        public init(date: CivilDate, reason: String) {
            self.date = date
            self.reason = reason
        }
    }

    /// 初领日期: when the holder was first certified.
    public var firstIssued: CivilDate
    /// 有效期开始日期: the start of the current validity period (R-CERT-12); the
    /// first issue unless the certificate has been renewed.
    public var validityStart: CivilDate
    /// 有效期结束日期 as recorded; defaults to the period's start + the validity years.
    public var validityEnd: CivilDate
    public var reviews: [Review]
    public var extensionConsent: ExtensionConsent?
    /// Start of continuous work in the trade (for the longer interval).
    public var inTradeSince: CivilDate?
    /// Verified violations of the rules since issue.
    public var violations: Int
    public var revoked: Ending?
    public var cancelled: Ending?
    /// Last day on a special-operations post; nil while on post.
    public var offPostSince: CivilDate?

    public init(
        firstIssued: CivilDate, validityStart: CivilDate? = nil, validityEnd: CivilDate? = nil, reviews: [Review] = [],
        extensionConsent: ExtensionConsent? = nil,
        inTradeSince: CivilDate? = nil, violations: Int = 0, revoked: Ending? = nil, cancelled: Ending? = nil,
        offPostSince: CivilDate? = nil, rules: CertificateRuleSet = .mem30
    ) {
        self.firstIssued = firstIssued
        self.validityStart = validityStart ?? firstIssued
        self.validityEnd = validityEnd ?? (validityStart ?? firstIssued).adding(years: rules.validityYears)
        self.reviews = reviews
        self.extensionConsent = extensionConsent
        self.inTradeSince = inTradeSince
        self.violations = violations
        self.revoked = revoked
        self.cancelled = cancelled
        self.offPostSince = offPostSince
    }
}
