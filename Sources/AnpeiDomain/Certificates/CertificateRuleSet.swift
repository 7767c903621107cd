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
    /// R-CERT-13 (Art. 26): days after the due date by which a retest (再复审)
    /// after a refused review must pass. MEM-30 sets none: the retest must still
    /// be on time, so 0.
    public var retestGraceDays: Int
    /// The special-operations catalogue (作业类别/操作项目) in force with this
    /// rule set: certificates issued under it name items of this version.
    public var catalogueVersion: String

    public init(
        id: String, effectiveFrom: CivilDate, validityYears: Int, reviewIntervalYears: Int, extendedReviewIntervalYears: Int,
        extensionMinYearsInTrade: Int, reviewWindowDays: Int, minReviewTrainingHours: Int, blockingViolations: Int,
        offPostMonthsForPracticalExam: Int, managementValidityYears: Int, managementRenewalWindowDays: Int,
        managementPassScore: Int = 80, retestGraceDays: Int = 0, catalogueVersion: String
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
        self.retestGraceDays = retestGraceDays
        self.catalogueVersion = catalogueVersion
    }

    enum CodingKeys: String, CodingKey {
        case id, effectiveFrom, validityYears, reviewIntervalYears, extendedReviewIntervalYears, extensionMinYearsInTrade,
             reviewWindowDays, minReviewTrainingHours, blockingViolations, offPostMonthsForPracticalExam,
             managementValidityYears, managementRenewalWindowDays, managementPassScore, retestGraceDays, catalogueVersion
    }

    /// Rule sets stored before issue 11 lack the pass score and the retest
    /// grace: they take MEM-30's numbers. The catalogue version has no default
    /// (migration 0011 writes it into the shipped set; an added set names it).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), effectiveFrom: try c.decode(CivilDate.self, forKey: .effectiveFrom),
            validityYears: try c.decode(Int.self, forKey: .validityYears),
            reviewIntervalYears: try c.decode(Int.self, forKey: .reviewIntervalYears),
            extendedReviewIntervalYears: try c.decode(Int.self, forKey: .extendedReviewIntervalYears),
            extensionMinYearsInTrade: try c.decode(Int.self, forKey: .extensionMinYearsInTrade),
            reviewWindowDays: try c.decode(Int.self, forKey: .reviewWindowDays),
            minReviewTrainingHours: try c.decode(Int.self, forKey: .minReviewTrainingHours),
            blockingViolations: try c.decode(Int.self, forKey: .blockingViolations),
            offPostMonthsForPracticalExam: try c.decode(Int.self, forKey: .offPostMonthsForPracticalExam),
            managementValidityYears: try c.decode(Int.self, forKey: .managementValidityYears),
            managementRenewalWindowDays: try c.decode(Int.self, forKey: .managementRenewalWindowDays),
            managementPassScore: try c.decodeIfPresent(Int.self, forKey: .managementPassScore) ?? 80,
            retestGraceDays: try c.decodeIfPresent(Int.self, forKey: .retestGraceDays) ?? 0,
            catalogueVersion: try c.decode(String.self, forKey: .catalogueVersion))
    }

    /// The numbers must make sense together before an administrator's rule set
    /// is stored; returns the fields that do not.
    public var problems: [FieldError] {
        var out: [FieldError] = []
        func positive(_ v: Int, _ field: String) {
            if v <= 0 { out.append(FieldError(field: field, code: "out_of_range", message: LocalizedText(zh: "须为正数", en: "must be positive"))) }
        }
        positive(validityYears, "validityYears")
        positive(reviewIntervalYears, "reviewIntervalYears")
        positive(extendedReviewIntervalYears, "extendedReviewIntervalYears")
        positive(reviewWindowDays, "reviewWindowDays")
        positive(offPostMonthsForPracticalExam, "offPostMonthsForPracticalExam")
        positive(managementValidityYears, "managementValidityYears")
        positive(blockingViolations, "blockingViolations")
        if minReviewTrainingHours < 0 || extensionMinYearsInTrade < 0 || retestGraceDays < 0 || managementRenewalWindowDays < 0 {
            out.append(FieldError(field: "params", code: "out_of_range", message: LocalizedText(zh: "数值不能为负", en: "must not be negative")))
        }
        if reviewIntervalYears > validityYears {
            out.append(FieldError(field: "reviewIntervalYears", code: "out_of_range", message: LocalizedText(
                zh: "复审间隔不能超过有效期", en: "must not exceed the validity")))
        }
        if !(0...100).contains(managementPassScore) {
            out.append(FieldError(field: "managementPassScore", code: "out_of_range", message: LocalizedText(zh: "须在0至100之间", en: "0 to 100")))
        }
        return out
    }

    /// 特种作业人员安全技术培训考核管理规定 (原国家安全监管总局令第30号, 2013 and 2015
    /// amendments): Art. 19 (6 years), 21 (3 years; 6 with consent after 10 years in
    /// the trade), 22 (60 days), 23 (8 class hours), 25 (2 violations), 32 (6 months).
    public static let mem30 = CertificateRuleSet(
        id: "MEM-30", effectiveFrom: CivilDate(year: 2010, month: 7, day: 1)!, validityYears: 6, reviewIntervalYears: 3,
        extendedReviewIntervalYears: 6, extensionMinYearsInTrade: 10, reviewWindowDays: 60, minReviewTrainingHours: 8,
        blockingViolations: 2, offPostMonthsForPracticalExam: 6, managementValidityYears: 3, managementRenewalWindowDays: 60,
        managementPassScore: 80, retestGraceDays: 0, catalogueVersion: "MEM-30")

    /// The rule set in force for an event on `date`: the latest one effective by then.
    public static func applicable(on date: CivilDate, among sets: [CertificateRuleSet]) -> CertificateRuleSet? {
        sets.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}
