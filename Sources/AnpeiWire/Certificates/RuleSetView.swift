/// `GET /v1/rule-sets`: a stored certificate rule set, its numbers and catalogue.
public struct RuleSetView: Codable, Sendable {
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
    public var catalogueVersion: String

    public init(id: String, name: String, effectiveFrom: String, validityYears: Int, reviewIntervalYears: Int,
                extendedReviewIntervalYears: Int, extensionMinYearsInTrade: Int, reviewWindowDays: Int, minReviewTrainingHours: Int,
                blockingViolations: Int, offPostMonthsForPracticalExam: Int, managementValidityYears: Int,
                managementRenewalWindowDays: Int, managementPassScore: Int, retestGraceDays: Int, catalogueVersion: String) {
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
    }
}
