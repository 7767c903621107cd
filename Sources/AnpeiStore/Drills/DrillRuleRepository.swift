import AnpeiDomain
import Foundation

/// A stored drill rule set with its name and author.
public struct StoredDrillRule: Sendable {
    public var name: String
    public var createdBy: String
    public var rules: DrillRuleSet
}

/// SQL for the drill rule sets (R-DRILL-1 as data).
public struct DrillRuleRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    public func all() throws -> [StoredDrillRule] {
        try conn.query("""
            SELECT id, name, jurisdiction, effective_from, scope, per_year, per_year_high_risk, participation_share::float8 AS share,
                   grace_days, created_by
            FROM drill_rule_sets ORDER BY jurisdiction, effective_from
            """).map {
            StoredDrillRule(name: try $0.decode("name"), createdBy: try $0.decode("created_by"), rules: DrillRuleSet(
                id: try $0.decode("id"), jurisdiction: try $0.decode("jurisdiction"), effectiveFrom: try $0.decode("effective_from"),
                scope: DrillRuleSet.Scope(rawValue: try $0.decode("scope")) ?? .perArea, perYear: try $0.decode("per_year"),
                perYearHighRisk: try $0.decode("per_year_high_risk"), participationShare: try $0.decode("share"),
                graceDays: try $0.decode("grace_days")))
        }
    }

    public func insert(_ r: DrillRuleSet, name: String, by: String) throws {
        try conn.query("""
            INSERT INTO drill_rule_sets (id, name, jurisdiction, effective_from, scope, per_year, per_year_high_risk, participation_share,
                                         grace_days, created_by)
            VALUES (\(r.id), \(name), \(r.jurisdiction), \(r.effectiveFrom.description)::date, \(r.scope.rawValue), \(r.perYear),
                    \(r.perYearHighRisk), \(r.participationShare), \(r.graceDays), \(by))
            """)
    }
}
