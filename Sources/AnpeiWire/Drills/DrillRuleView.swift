/// A drill rule set (R-DRILL-1) as stored, and as an administrator adds one.
public struct DrillRuleView: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// A division code, or "" for the national default.
    public var jurisdiction: String
    public var effectiveFrom: String
    /// per_area | per_enterprise
    public var scope: String
    public var perYear: Int
    public var perYearHighRisk: Int
    public var participationShare: Double
    public var graceDays: Int
    public var createdBy: String?

    public init(id: String, name: String, jurisdiction: String, effectiveFrom: String, scope: String, perYear: Int, perYearHighRisk: Int,
                participationShare: Double, graceDays: Int, createdBy: String? = nil) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.effectiveFrom = effectiveFrom
        self.scope = scope
        self.perYear = perYear
        self.perYearHighRisk = perYearHighRisk
        self.participationShare = participationShare
        self.graceDays = graceDays
        self.createdBy = createdBy
    }
}
