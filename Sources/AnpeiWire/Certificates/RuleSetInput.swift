/// `POST /v1/rule-sets` and `anpei ruleset add FILE`: a certificate rule set
/// (the numbers of `CertificateRuleSet`) and, when it brings one, the
/// special-operations catalogue it uses. Administrators only.
public struct RuleSetInput: Codable, Sendable {
    public struct Category: Codable, Sendable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public struct Item: Codable, Sendable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// A catalogue version (作业类别 and 操作项目, codes "category.item").
    public struct Catalogue: Codable, Sendable {
        public var version: String
        public var name: String
        public var categories: [Category]
        public var items: [Item]
        public init(version: String, name: String, categories: [Category], items: [Item]) {
            self.version = version
            self.name = name
            self.categories = categories
            self.items = items
        }
    }

    public var id: String
    public var name: String
    public var effectiveFrom: String
    public var validityYears: Int
    public var reviewIntervalYears: Int
    public var extendedReviewIntervalYears: Int
    public var extensionMinYearsInTrade: Int
    public var reviewWindowDays: Int
    public var minReviewTrainingHours: Int
    public var blockingViolations: Int
    public var offPostMonthsForPracticalExam: Int
    public var managementValidityYears: Int
    public var managementRenewalWindowDays: Int
    public var managementPassScore: Int
    public var retestGraceDays: Int
    /// The catalogue certificates issued under this rule set use: an existing
    /// version, or the one given in `catalogue`.
    public var catalogueVersion: String
    public var catalogue: Catalogue?

    public init(id: String, name: String, effectiveFrom: String, validityYears: Int, reviewIntervalYears: Int,
                extendedReviewIntervalYears: Int, extensionMinYearsInTrade: Int, reviewWindowDays: Int, minReviewTrainingHours: Int,
                blockingViolations: Int, offPostMonthsForPracticalExam: Int, managementValidityYears: Int,
                managementRenewalWindowDays: Int, managementPassScore: Int, retestGraceDays: Int, catalogueVersion: String,
                catalogue: Catalogue? = nil) {
        self.id = id
        self.name = name
        self.effectiveFrom = effectiveFrom
        self.validityYears = validityYears
        self.reviewIntervalYears = reviewIntervalYears
        self.extendedReviewIntervalYears = extendedReviewIntervalYears
        self.extensionMinYearsInTrade = extensionMinYearsInTrade
        self.reviewWindowDays = reviewWindowDays
        self.minReviewTrainingHours = minReviewTrainingHours
        self.blockingViolations = blockingViolations
        self.offPostMonthsForPracticalExam = offPostMonthsForPracticalExam
        self.managementValidityYears = managementValidityYears
        self.managementRenewalWindowDays = managementRenewalWindowDays
        self.managementPassScore = managementPassScore
        self.retestGraceDays = retestGraceDays
        self.catalogueVersion = catalogueVersion
        self.catalogue = catalogue
    }
}
