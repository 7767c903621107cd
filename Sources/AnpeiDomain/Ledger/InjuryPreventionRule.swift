/// R-WAVE-5: key enterprises of 非煤矿山 and 机械制造 complete full-coverage
/// work-injury-prevention training (工伤预防能力提升培训) of the "three
/// categories of personnel" by the end of 2025 (S0 §4).
///
/// The three categories (三类人员) are as DOMAIN.md's glossary defines them:
/// principals (主要负责人), safety managers (安全生产管理人员) and
/// special-operations workers (特种作业人员). Other staff are not in the
/// target; a person in two categories counts once, in the first that applies.
public enum InjuryPreventionRule {
    public static let sectors: Set<String> = ["non_coal_mine", "machinery"]
    public static let deadline = CivilDate(year: 2025, month: 12, day: 31)!

    public enum Category: String, Codable, Sendable, CaseIterable {
        case principal
        case safetyManager = "safety_manager"
        case specialOperations = "special_operations"

        public var label: LocalizedText {
            switch self {
            case .principal: LocalizedText(zh: "主要负责人", en: "principals")
            case .safetyManager: LocalizedText(zh: "安全生产管理人员", en: "safety managers")
            case .specialOperations: LocalizedText(zh: "特种作业人员", en: "special-operations workers")
            }
        }
    }

    /// Whether an enterprise is a target: a key enterprise in one of the two sectors.
    public static func applies(keyEnterprise: Bool, sectors: some Sequence<String>) -> Bool {
        keyEnterprise && sectors.contains(where: Self.sectors.contains)
    }

    /// The one category an employment falls under (a principal who also
    /// manages safety counts as a principal), or nil for staff outside the three.
    public static func category(_ roles: Set<EmploymentRole>) -> Category? {
        if roles.contains(.principal) { return .principal }
        if roles.contains(.safetyManager) { return .safetyManager }
        if roles.contains(.specialOperations) { return .specialOperations }
        return nil
    }

    /// Trained: attended injury-prevention training on or before `date`.
    public static func covered(trainingDates: [CivilDate], on date: CivilDate) -> Bool {
        trainingDates.contains { $0 <= date }
    }

    /// Days left to the deadline (negative once past), for the report's heading.
    public static func daysToDeadline(from date: CivilDate) -> Int { deadline.daysSinceEpoch - date.daysSinceEpoch }
}
