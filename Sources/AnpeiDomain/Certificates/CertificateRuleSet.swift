/// The numbers of the special-operations certificate rules, as data with an
/// effective date (DOMAIN.md "Certificate rules"). MEM-30 ships; a successor
/// rule set is another value of this type, added by an administrator.
public struct CertificateRuleSet: Codable, Sendable, Equatable {
    public var id: String
    public var effectiveFrom: CivilDate
    /// R-CERT-3: validity from issue.
    public var validityYears: Int
    /// R-CERT-4: review interval.
    public var reviewIntervalYears: Int
    /// R-CERT-4: the longer interval for long-serving, law-abiding holders with consent.
    public var extendedReviewIntervalYears: Int
    public var extensionMinYearsInTrade: Int
    /// R-CERT-5: reviews are applied for within this many days before they are due.
    public var reviewWindowDays: Int
    /// R-CERT-5: training before a review.
    public var minReviewTrainingHours: Int
    /// R-CERT-6: this many verified violations refuse a review.
    public var blockingViolations: Int
    /// R-CERT-8: off special-operations posts this long means a new practical exam.
    public var offPostMonthsForPracticalExam: Int
    /// R-CERT-11: the management-competence certificate of principals and safety managers.
    public var managementValidityYears: Int
    public var managementRenewalWindowDays: Int
    /// R-CERT-11: pass mark of the (theory-only, 100-point) exam.
    public var managementPassScore: Int

    public init(
        id: String, effectiveFrom: CivilDate, validityYears: Int, reviewIntervalYears: Int, extendedReviewIntervalYears: Int,
        extensionMinYearsInTrade: Int, reviewWindowDays: Int, minReviewTrainingHours: Int, blockingViolations: Int,
        offPostMonthsForPracticalExam: Int, managementValidityYears: Int, managementRenewalWindowDays: Int,
        managementPassScore: Int = 80
    ) {
        self.id = id
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
    }

    /// 特种作业人员安全技术培训考核管理规定 (原国家安全监管总局令第30号, 2013 and 2015
    /// amendments): Art. 19 (6 years), 21 (3 years; 6 with consent after 10 years in
    /// the trade), 22 (60 days), 23 (8 class hours), 25 (2 violations), 32 (6 months).
    public static let mem30 = CertificateRuleSet(
        id: "MEM-30", effectiveFrom: CivilDate(year: 2010, month: 7, day: 1)!, validityYears: 6, reviewIntervalYears: 3,
        extendedReviewIntervalYears: 6, extensionMinYearsInTrade: 10, reviewWindowDays: 60, minReviewTrainingHours: 8,
        blockingViolations: 2, offPostMonthsForPracticalExam: 6, managementValidityYears: 3, managementRenewalWindowDays: 60,
        managementPassScore: 80)

    /// The rule set in force for an event on `date`: the latest one effective by then.
    public static func applicable(on date: CivilDate, among sets: [CertificateRuleSet]) -> CertificateRuleSet? {
        sets.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}
