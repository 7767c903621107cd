/// What the status rules need to know about one 特种作业操作证.
public struct SpecialOpCertificate: Codable, Sendable, Equatable {
    public struct Review: Codable, Sendable, Equatable {
        public var date: CivilDate
        public var trainingHours: Int
        public var passed: Bool
        /// Why a review was not passed (Art. 25); nil when passed.
        public var ground: ReviewRefusalGround?
        public init(date: CivilDate, trainingHours: Int, passed: Bool, ground: ReviewRefusalGround? = nil) {
            self.date = date
            self.trainingHours = trainingHours
            self.passed = passed
            self.ground = passed ? nil : (ground ?? .trainingOrExamFailed)
        }
    }

    /// One employment on a special-operations post (R-CERT-8).
    public struct PostSpell: Codable, Sendable, Equatable {
        public var start: CivilDate
        /// The last day on the post; nil while it lasts.
        public var end: CivilDate?
        public init(start: CivilDate, end: CivilDate? = nil) {
            self.start = start
            self.end = end
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
    /// The holder's special-operations employments (R-CERT-8).
    public var posts: [PostSpell]
    /// Dates of passed practical re-examinations (R-CERT-8).
    public var practicalExams: [CivilDate]

    public init(
        firstIssued: CivilDate, validityStart: CivilDate? = nil, validityEnd: CivilDate? = nil, reviews: [Review] = [],
        extensionConsent: ExtensionConsent? = nil,
        inTradeSince: CivilDate? = nil, violations: Int = 0, revoked: Ending? = nil, cancelled: Ending? = nil,
        posts: [PostSpell] = [], practicalExams: [CivilDate] = [], rules: CertificateRuleSet = .mem30
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
        self.posts = posts
        self.practicalExams = practicalExams
    }
}
