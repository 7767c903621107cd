/// R-DRILL-1 as data: how often an enterprise holds evacuation drills, and
/// whether the duty is per area (office, production, living) or per
/// enterprise. Rule sets have a jurisdiction and an effective date, like the
/// certificate rule sets; a place is judged by the rule of the most specific
/// jurisdiction that sets one, in force on the day asked about.
public struct DrillRuleSet: Codable, Sendable, Equatable {
    public enum Scope: String, Codable, Sendable {
        /// Each area holds its own drill (S0 §4, S3 §7).
        case perArea = "per_area"
        /// One drill covers the enterprise (S2 §21, S4 §21).
        case perEnterprise = "per_enterprise"
    }

    public var id: String
    /// A division code, or "" for the national default.
    public var jurisdiction: String
    public var effectiveFrom: CivilDate
    public var scope: Scope
    /// Drills a year; enterprises of `high_risk_drill` sectors hold one per half-year.
    public var perYear: Int
    public var perYearHighRisk: Int
    /// A drill counts for an area only when its participants reach this share of the area's headcount.
    public var participationShare: Double
    /// An enterprise that becomes active fewer than this many days before a
    /// period ends owes no drill for it (a company registered in November is
    /// not overdue on 31 December); the next period is its first.
    public var graceDays: Int

    public init(id: String, jurisdiction: String, effectiveFrom: CivilDate, scope: Scope, perYear: Int = 1, perYearHighRisk: Int = 2,
                participationShare: Double = 0.8, graceDays: Int = 90) {
        self.id = id
        self.jurisdiction = jurisdiction
        self.effectiveFrom = effectiveFrom
        self.scope = scope
        self.perYear = perYear
        self.perYearHighRisk = perYearHighRisk
        self.participationShare = participationShare
        self.graceDays = graceDays
    }

    /// The rule set that judges `region` on `date`: of those in force (effective
    /// on or before the date), the one of the most specific jurisdiction
    /// containing the region, the latest of that jurisdiction.
    public static func select(_ sets: [DrillRuleSet], region: String, on date: CivilDate) -> DrillRuleSet? {
        sets.filter { $0.effectiveFrom <= date && covers($0.jurisdiction, region) }
            .max { (prefixLength($0.jurisdiction), $0.effectiveFrom) < (prefixLength($1.jurisdiction), $1.effectiveFrom) }
    }

    static func prefixLength(_ jurisdiction: String) -> Int { RegionCode(jurisdiction)?.prefix.count ?? 0 }

    static func covers(_ jurisdiction: String, _ region: String) -> Bool {
        guard !jurisdiction.isEmpty else { return true }
        guard let j = RegionCode(jurisdiction) else { return false }
        return region.hasPrefix(j.prefix)
    }
}
