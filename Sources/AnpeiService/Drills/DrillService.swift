import AnpeiDomain
import AnpeiStore
import Foundation

/// Evacuation drills (issue 14, R-DRILL-1). The rules are data: every
/// signed-in user may read them; an administrator adds a jurisdiction's plan or
/// a successor with its effective date, without a code change.
public struct DrillService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    static func view(_ s: StoredDrillRule) -> DrillRuleView {
        DrillRuleView(id: s.rules.id, name: s.name, jurisdiction: s.rules.jurisdiction, effectiveFrom: s.rules.effectiveFrom.description,
                      scope: s.rules.scope.rawValue, perYear: s.rules.perYear, perYearHighRisk: s.rules.perYearHighRisk,
                      participationShare: s.rules.participationShare, graceDays: s.rules.graceDays, createdBy: s.createdBy)
    }

    public func rules(_ call: CallContext) async throws -> [DrillRuleView] {
        try await db.read { conn in try DrillRuleRepository(conn).all() }.map(Self.view)
    }

    /// The rule set that judges a place on a date (the most specific jurisdiction in force).
    public func applicable(_ call: CallContext, region: String, on date: CivilDate?) async throws -> DrillRuleView {
        guard RegionCode(region) != nil else {
            throw ServiceError.validation([FieldError(field: "region", code: "invalid_region_code", message: LocalizedText(
                zh: "行政区划代码应为6位或9位数字", en: "a 6- or 9-digit division code"))])
        }
        let on = date ?? CivilDate.today(at: config.now())
        let stored = try await db.read { conn in try DrillRuleRepository(conn).all() }
        guard let chosen = DrillRuleSet.select(stored.map(\.rules), region: region, on: on),
              let row = stored.first(where: { $0.rules.id == chosen.id }) else { throw ServiceError.notFound(entity: "drill_rule_set") }
        return Self.view(row)
    }

    public func addRule(_ call: CallContext, _ input: DrillRuleView) async throws -> DrillRuleView {
        guard call.principal.role == .admin else { throw ServiceError.forbidden }
        var v = Validator()
        if input.id.range(of: "^[a-z0-9][a-z0-9._-]{0,39}$", options: .regularExpression) == nil {
            v.add("id", "invalid_id", zh: "编号须为小写字母、数字及 . _ -，最多40位", en: "lower-case letters, digits, . _ -; at most 40")
        }
        let name = v.text(input.name, "name", max: 200)
        if !input.jurisdiction.isEmpty, RegionCode(input.jurisdiction) == nil {
            v.add("jurisdiction", "invalid_region_code", zh: "行政区划代码应为6位或9位数字，全国默认为空", en: "a division code, or empty for the national default")
        }
        let from = v.date(input.effectiveFrom, "effectiveFrom")
        let scope = DrillRuleSet.Scope(rawValue: input.scope)
        if scope == nil { v.add("scope", "invalid_scope", zh: "须为 per_area（按区域）或 per_enterprise（按单位）", en: "per_area or per_enterprise") }
        if !(1...2).contains(input.perYear) { v.add("perYear", "out_of_range", zh: "每年1或2次", en: "1 or 2") }
        if !(1...2).contains(input.perYearHighRisk) || input.perYearHighRisk < input.perYear {
            v.add("perYearHighRisk", "out_of_range", zh: "高危行业每年1或2次，且不少于一般行业", en: "1 or 2, not fewer than perYear")
        }
        // Stored to three decimals; a share under 10% would make a drill of a handful count for a whole plant.
        let share = (input.participationShare * 1000).rounded() / 1000
        if !(0.1...1).contains(share) {
            v.add("participationShare", "out_of_range", zh: "参加率须在0.1至1之间", en: "between 0.1 and 1")
        }
        if !(0...183).contains(input.graceDays) { v.add("graceDays", "out_of_range", zh: "宽限天数0至183", en: "0 to 183") }
        let (checkedName, effective) = try v.finish(name, from)
        guard let scope else { throw ServiceError.internal }
        let rules = DrillRuleSet(id: input.id, jurisdiction: input.jurisdiction, effectiveFrom: effective, scope: scope, perYear: input.perYear,
                                 perYearHighRisk: input.perYearHighRisk, participationShare: share, graceDays: input.graceDays)
        do {
            return try await db.write(call) { conn, audit in
                let repo = DrillRuleRepository(conn)
                try repo.insert(rules, name: checkedName, by: audit.actor.name)
                try audit.record(action: "drill_rules.added", entityType: "drill_rule_set", entityID: rules.id, change: [
                    "jurisdiction": .string(rules.jurisdiction), "effectiveFrom": .string(effective.description), "scope": .string(scope.rawValue),
                ])
                guard let row = try repo.all().first(where: { $0.rules.id == rules.id }) else { throw ServiceError.internal }
                return Self.view(row)
            }
        } catch let e as StoreError where e.uniqueKey == .drillRuleID || e.uniqueKey == .drillRuleJurisdictionDate {
            throw ServiceError.conflict(code: "drill_rule_exists", field: e.uniqueKey == .drillRuleID ? "id" : "effectiveFrom", message: LocalizedText(
                zh: e.uniqueKey == .drillRuleID ? "规则编号已存在" : "该辖区在该日期已有规则", en: "a rule set with that id, or for that jurisdiction and date, exists"))
        }
    }
}
