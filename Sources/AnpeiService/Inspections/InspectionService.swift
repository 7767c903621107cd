import AnpeiDomain
import AnpeiStore
import Foundation

/// 逢查必考 (R-3V-3): regulators record inspections and examine workers on the
/// spot (the exam attempt API, purpose `spot_check`, or a paper score sheet);
/// a fail opens a retraining case exactly like a violation.
public struct InspectionService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let rules: RetrainingRules

    public init(db: UnitOfWork, config: ServiceConfig, rules: RetrainingRules = .defaults) {
        self.db = db
        self.config = config
        self.rules = rules
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    static func view(_ r: InspectionRow) -> SafetyInspectionView {
        SafetyInspectionView(id: r.id.uuidString.lowercased(), enterpriseId: r.enterpriseId.uuidString.lowercased(), enterpriseName: r.enterpriseName,
                       regionCode: r.regionCode, date: r.inspectedOn.description, inspector: r.inspector, note: r.note,
                       examined: r.examined, passed: r.passed, casesOpened: r.casesOpened)
    }

    public func create(_ call: CallContext, _ input: SafetyInspectionInput) async throws -> SafetyInspectionView {
        guard call.principal.role == .admin || call.principal.role == .regulator else { throw ServiceError.forbidden }
        var v = Validator()
        let enterprise = v.uuid(input.enterpriseId, "enterpriseId")
        let dateField = v.date(input.date, "date")
        if let d = dateField, d > today { v.add("date", "in_future", zh: "检查日期不能晚于今天", en: "must not be in the future") }
        let inspector = v.text(input.inspector ?? call.principal.username, "inspector", max: 100, required: false) ?? call.principal.username
        let note = v.text(input.note ?? "", "note", max: 1_000, required: false, multiline: true) ?? ""
        let date = try v.finish(dateField)
        guard let enterprise else { throw ServiceError.notFound(entity: "enterprise") }
        let scope = ScopeFilter(call.principal.scope)
        return try await db.write(call) { conn, audit in
            guard try EnterpriseRepository(conn).find(id: enterprise, scope: scope) != nil else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = InspectionRepository(conn)
            let id = try repo.insert(enterprise: enterprise, on: date, inspector: inspector, note: note, by: audit.actor.name)
            try audit.record(action: "inspection.recorded", entityType: "inspection", entityID: id.uuidString.lowercased(),
                             change: ["enterprise": .string(enterprise.uuidString.lowercased()), "date": .string(date.description)])
            return Self.view(try written(repo.find(id: id, scope: ScopeFilter(.all))))
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> SafetyInspectionView {
        let scope = ScopeFilter(call.principal.scope)
        guard let row = try await db.read({ conn in try InspectionRepository(conn).find(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "inspection")
        }
        return Self.view(row)
    }

    /// Per enterprise of the region (default: the regulator's own), inspections between the dates (default: this year).
    public func report(_ call: CallContext, region: String?, from: CivilDate?, to: CivilDate?) async throws -> SpotExamReport {
        guard call.principal.role == .admin || call.principal.role == .regulator else { throw ServiceError.forbidden }
        let asked = region.flatMap(RegionCode.init)
        if region != nil, asked == nil {
            throw ServiceError.validation([FieldError(field: "region", code: "invalid_region_code", message: LocalizedText(
                zh: "行政区划代码应为6位或9位数字", en: "a 6- or 9-digit division code"))])
        }
        let target = try call.jurisdiction(region)
        let now = today
        let start = from ?? CivilDate(iso: "\(now.description.prefix(4))-01-01")!
        let end = to ?? now
        let scope = ScopeFilter(call.principal.scope)
        let rules = self.rules
        let rows = try await db.read { conn in
            try InspectionRepository(conn).summary(scope: scope, regionPrefix: target.prefix, from: start, to: end,
                                                   overdueBefore: rules.overdueCutoff(on: now))
        }
        return SpotExamReport(region: target.description, from: start.description, to: end.description, overdueDays: rules.overdueDays, rows: rows.map {
            SpotExamReport.Row(enterpriseId: $0.enterpriseID.uuidString.lowercased(), enterpriseName: $0.enterpriseName, regionCode: $0.regionCode,
                               inspections: $0.inspections, examined: $0.examined, passed: $0.passed,
                               passRate: $0.examined > 0 ? Double($0.passed) / Double($0.examined) : nil,
                               casesOpened: $0.casesOpened, casesClosed: $0.casesClosed, casesOverdue: $0.casesOverdue)
        })
    }
}
