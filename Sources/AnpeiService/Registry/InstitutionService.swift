import AnpeiDomain
import AnpeiStore
import Foundation

/// Training institutions (R-INST-1). Administrators register and change them;
/// administrators and the regulators of their region record conformity status
/// and inspections; an institution user reads its own record.
public struct InstitutionService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    public func create(_ call: CallContext, _ input: InstitutionInput) async throws -> Institution {
        guard call.isAdmin else { throw ServiceError.forbidden }
        let clean = try validate(InstitutionValues(input))
        let today = self.today
        do {
            return try await db.write(call) { conn, audit in
                try checkReferences(conn, clean)
                let repo = InstitutionRepository(conn)
                let id = try repo.insert(clean, today: today)
                let record = try written(repo.find(id: id, scope: ScopeFilter(.all), today: today))
                try audit.record(action: "institution.created", entityType: "institution", entityID: record.id,
                                 change: Self.auditFields(record))
                return Institution(record)
            }
        } catch let e as StoreError where e.uniqueKey == .institutionCreditCode {
            throw creditCodeTaken(clean.creditCode)
        }
    }

    public func update(_ call: CallContext, id: UUID, _ patch: InstitutionPatch) async throws -> Institution {
        let before = try await record(call, id: id)
        guard call.isAdmin else { throw ServiceError.forbidden }
        let input = InstitutionValues(
            creditCode: patch.creditCode ?? before.creditCode, name: patch.name ?? before.name,
            regionCode: patch.regionCode ?? before.regionCode, trainingKinds: patch.trainingKinds ?? before.trainingKinds,
            specialOpCategories: patch.specialOpCategories ?? before.specialOpCategories)
        let clean = try validate(input)
        let today = self.today
        do {
            return try await db.write(call) { conn, audit in
                try checkReferences(conn, clean)
                let repo = InstitutionRepository(conn)
                try repo.update(id: id, clean)
                let after = try written(repo.find(id: id, scope: ScopeFilter(.all), today: today))
                try audit.record(action: "institution.updated", entityType: "institution", entityID: after.id,
                                 change: EnterpriseService.diff(Self.auditFields(before), Self.auditFields(after)))
                return Institution(after)
            }
        } catch let e as StoreError where e.uniqueKey == .institutionCreditCode {
            throw creditCodeTaken(clean.creditCode)
        }
    }

    /// Records a conformity decision (R-INST-1): rectifying needs a deadline.
    public func setStatus(_ call: CallContext, id: UUID, _ change: InstitutionStatusChange) async throws -> Institution {
        let before = try await record(call, id: id)
        try authorizeSupervision(call)
        var v = Validator()
        let deadline = v.date(change.rectifyDeadline, "rectifyDeadline", required: change.status == .rectifying)
        if change.status != .rectifying, deadline != nil {
            v.add("rectifyDeadline", "not_allowed", zh: "只有限期整改状态才有整改期限", en: "only for status rectifying")
        }
        let effective = v.date(change.effectiveDate, "effectiveDate", required: false) ?? today
        let note = v.text(change.note, "note", max: 500, required: false) ?? ""
        try v.finish()
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = InstitutionRepository(conn)
            try Self.decide(conn, before, status: change.status, deadline: change.status == .rectifying ? deadline : nil,
                            effective: effective, note: note, today: today)
            try audit.record(action: "institution.status_changed", entityType: "institution", entityID: before.id, change: [
                "from": .string(before.status.rawValue), "to": .string(change.status.rawValue),
                "rectifyDeadline": AuditValue(deadline?.description), "effectiveDate": .string(effective.description),
                "note": .string(note),
            ])
            return Institution(try written(repo.find(id: id, scope: ScopeFilter(.all), today: today)))
        }
    }

    public func addInspection(_ call: CallContext, id: UUID, _ input: InspectionInput) async throws -> Institution {
        let before = try await record(call, id: id)
        try authorizeSupervision(call)
        var v = Validator()
        let dateField = v.date(input.inspectedOn, "inspectedOn")
        let inspectorField = v.text(input.inspector, "inspector", max: 100)
        if !["pass", "rectify", "fail"].contains(input.result) {
            v.add("result", "invalid_value", zh: "检查结论须为 pass、rectify 或 fail", en: "must be pass, rectify or fail")
        }
        if let date = dateField, date > today { v.add("inspectedOn", "in_future", zh: "检查日期不能晚于今天", en: "must not be in the future") }
        let findings = v.text(input.findings, "findings", max: 2000, required: false) ?? ""
        // R-INST-2: a failed inspection means rectifying with a deadline, or cleared out.
        let deadline = v.date(input.rectifyDeadline, "rectifyDeadline", required: input.result == "rectify")
        if input.result != "rectify", input.rectifyDeadline != nil {
            v.add("rectifyDeadline", "not_allowed", zh: "只有限期整改的检查结论才有整改期限", en: "only for result rectify")
        }
        if let deadline, let date = dateField, deadline <= date {
            v.add("rectifyDeadline", "before_inspection", zh: "整改期限须晚于检查日期", en: "must be after the inspection")
        }
        let (date, inspector) = try v.finish(dateField, inspectorField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = InstitutionRepository(conn)
            let inspectionID = try repo.addInspection(id: id, on: date, inspector: inspector, result: input.result, findings: findings)
            if let (status, until) = InstitutionStanding.decision(forInspection: input.result, rectifyDeadline: deadline) {
                try Self.decide(conn, before, status: status, deadline: until, effective: date, note: "检查结论：\(input.result)", today: today)
            }
            try audit.record(action: "institution.inspected", entityType: "institution", entityID: before.id, change: [
                "inspectionId": .string(inspectionID.lowercased), "inspectedOn": .string(date.description),
                "result": .string(input.result),
            ])
            return Institution(try written(repo.find(id: id, scope: ScopeFilter(.all), today: today)))
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> Institution {
        Institution(try await record(call, id: id))
    }

    /// The stored row, if the caller's scope reaches it (else 404).
    func record(_ call: CallContext, id: UUID) async throws -> InstitutionRecord {
        let scope = ScopeFilter(call.principal.scope)
        let today = self.today
        guard let record = try await db.read({ conn in try InstitutionRepository(conn).find(id: id, scope: scope, today: today) })
        else { throw ServiceError.notFound(entity: "institution") }
        return record
    }

    public func list(_ call: CallContext, _ query: InstitutionQuery) async throws -> Page<Institution> {
        try Paging.check(limit: query.limit, offset: query.offset)
        let scope = ScopeFilter(call.principal.scope)
        let today = self.today
        let (items, total) = try await db.read { conn in try InstitutionRepository(conn).list(query, scope: scope, today: today) }
        return Page(items: items.map(Institution.init), total: total, limit: query.limit, offset: query.offset)
    }

    func authorizeSupervision(_ call: CallContext) throws {
        // `get` already proved the record is inside the caller's scope.
        switch call.principal.role {
        case .admin, .regulator: return
        default: throw ServiceError.forbidden
        }
    }

    func validate(_ input: InstitutionValues) throws -> InstitutionValues {
        var v = Validator()
        var out = input
        out.creditCode = v.creditCode(input.creditCode) ?? input.creditCode
        out.name = v.text(input.name, "name") ?? input.name
        out.regionCode = v.regionCode(input.regionCode) ?? input.regionCode
        out.trainingKinds = TrainingKind.allCases.filter(input.trainingKinds.contains)
        out.specialOpCategories = Array(Set(input.specialOpCategories)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        if !out.specialOpCategories.isEmpty, !out.trainingKinds.contains(.specialOperations) {
            v.add("specialOpCategories", "needs_special_operations_kind",
                  zh: "有特种作业类别时培训类别须包含 special_operations", en: "requires training kind special_operations")
        }
        try v.finish()
        return out
    }

    func checkReferences(_ conn: PGConnection, _ input: InstitutionValues) throws {
        var v = Validator()
        if try !ReferenceRepository(conn).regionExists(input.regionCode) { v.add(unknownReference("regionCode")) }
        let known = try InstitutionRepository(conn).knownCategories(input.specialOpCategories)
        for code in input.specialOpCategories where !known.contains(code) {
            v.add("specialOpCategories", "unknown_category", zh: "未知的特种作业类别：\(code)", en: "unknown category \(code)")
        }
        try v.finish()
    }

    static func auditFields(_ r: InstitutionRecord) -> [String: AuditValue] {
        ["creditCode": .string(r.creditCode), "name": .string(r.name), "regionCode": .string(r.regionCode),
         "trainingKinds": .string(r.trainingKinds.map(\.rawValue).joined(separator: ",")),
         "specialOpCategories": .string(r.specialOpCategories.joined(separator: ","))]
    }
}

