import AnpeiDomain
import AnpeiStore
import Foundation

/// Enterprises: administrators create and change them; regulators read those in
/// their region; an enterprise user reads its own. Anything else answers 404.
public struct EnterpriseService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    public func create(_ call: CallContext, _ input: EnterpriseInput) async throws -> Enterprise {
        guard call.isAdmin else { throw ServiceError.forbidden }
        let clean = try validate(EnterpriseValues(input))
        do {
            return try await db.write(call) { conn, audit in
                try checkReferences(conn, clean)
                let repo = EnterpriseRepository(conn)
                let id = try repo.insert(clean)
                let record = try written(repo.find(id: id, scope: ScopeFilter(.all)))
                try audit.record(action: "enterprise.created", entityType: "enterprise", entityID: record.id,
                                 change: Self.auditFields(record))
                return Enterprise(record)
            }
        } catch let e as StoreError where e.uniqueKey == .enterpriseCreditCode {
            throw creditCodeTaken(clean.creditCode)
        }
    }

    public func update(_ call: CallContext, id: UUID, _ patch: EnterprisePatch) async throws -> Enterprise {
        guard call.isAdmin else {
            // Others may not change enterprises; those they cannot even see answer 404.
            _ = try await get(call, id: id)
            throw ServiceError.forbidden
        }
        do {
            return try await db.write(call) { conn, audit in
                let repo = EnterpriseRepository(conn)
                guard let before = try repo.find(id: id, scope: ScopeFilter(.all)) else {
                    throw ServiceError.notFound(entity: "enterprise")
                }
                var input = EnterpriseValues(
                    creditCode: patch.creditCode ?? before.creditCode, name: patch.name ?? before.name,
                    regionCode: patch.regionCode ?? before.regionCode, sectors: patch.sectors ?? before.sectors,
                    keyEnterprise: patch.keyEnterprise ?? before.keyEnterprise,
                    highRiskOverride: patch.clearHighRiskOverride == true ? nil : patch.highRiskOverride ?? before.highRiskOverride,
                    highRiskOverrideReason: patch.highRiskOverrideReason ?? before.highRiskOverrideReason,
                    status: patch.status ?? before.status, areas: patch.areas?.map(EnterpriseRecord.Area.init) ?? before.areas,
                    ownership: patch.clearOwnership == true ? nil : patch.ownership ?? before.ownership)
                if input.highRiskOverride == nil { input.highRiskOverrideReason = nil }
                let clean = try validate(input)
                try checkReferences(conn, clean)
                try repo.update(id: id, clean)
                let after = try written(repo.find(id: id, scope: ScopeFilter(.all)))
                try audit.record(action: "enterprise.updated", entityType: "enterprise", entityID: after.id,
                                 change: Self.diff(Self.auditFields(before), Self.auditFields(after)))
                return Enterprise(after)
            }
        } catch let e as StoreError where e.uniqueKey == .enterpriseCreditCode {
            throw creditCodeTaken(patch.creditCode ?? "")
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> Enterprise {
        let scope = ScopeFilter(call.principal.scope)
        guard let record = try await db.read({ conn in try EnterpriseRepository(conn).find(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "enterprise")
        }
        return Enterprise(record)
    }

    public func list(_ call: CallContext, _ query: EnterpriseQuery) async throws -> Page<Enterprise> {
        try Paging.check(limit: query.limit, offset: query.offset)
        let scope = ScopeFilter(call.principal.scope)
        let (items, total) = try await db.read { conn in try EnterpriseRepository(conn).list(query, scope: scope) }
        return Page(items: items.map(Enterprise.init), total: total, limit: query.limit, offset: query.offset)
    }

    /// Format checks (R-USCC, R-REGION, areas, override reason), no database.
    func validate(_ input: EnterpriseValues) throws -> EnterpriseValues {
        var v = Validator()
        var out = input
        out.creditCode = v.creditCode(input.creditCode) ?? input.creditCode
        out.name = v.text(input.name, "name") ?? input.name
        out.regionCode = v.regionCode(input.regionCode) ?? input.regionCode
        out.sectors = Array(Set(input.sectors.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        if out.sectors.isEmpty {
            v.add("sectors", "required", zh: "至少选择一个行业或单位类型", en: "at least one sector or unit type")
        }
        if input.highRiskOverride != nil {
            out.highRiskOverrideReason = v.text(input.highRiskOverrideReason, "highRiskOverrideReason", max: 500)
        } else {
            out.highRiskOverrideReason = nil
        }
        for (i, area) in input.areas.enumerated() {
            out.areas[i].name = v.text(area.name, "areas[\(i)].name", max: 100) ?? area.name
            if let h = area.headcount, !(0...1_000_000).contains(h) {
                v.add("areas[\(i)].headcount", "out_of_range", zh: "人数0至1000000", en: "0 to 1,000,000")
            }
        }
        try v.finish()
        return out
    }

    func checkReferences(_ conn: PGConnection, _ input: EnterpriseValues) throws {
        var v = Validator()
        if try !ReferenceRepository(conn).regionExists(input.regionCode) { v.add(unknownReference("regionCode")) }
        let known = try EnterpriseRepository(conn).knownSectors(input.sectors)
        for code in input.sectors where !known.contains(code) {
            v.add("sectors", "unknown_sector", zh: "未知的行业代码：\(code)", en: "unknown sector \(code)")
        }
        try v.finish()
    }

    static func auditFields(_ r: EnterpriseRecord) -> [String: AuditValue] {
        [
            "creditCode": .string(r.creditCode), "name": .string(r.name), "regionCode": .string(r.regionCode),
            "sectors": .string(r.sectors.joined(separator: ",")), "keyEnterprise": .bool(r.keyEnterprise),
            "highRiskOverride": r.highRiskOverride.map(AuditValue.bool) ?? .null,
            "highRiskOverrideReason": AuditValue(r.highRiskOverrideReason), "status": .string(r.status.rawValue),
            "areas": .string(r.areas.map { "\($0.kind.rawValue):\($0.name)" }.joined(separator: ",")),
        ]
    }

    /// Only what changed, as {"field": {"from": …, "to": …}} flattened to "field.from"/"field.to".
    static func diff(_ a: [String: AuditValue], _ b: [String: AuditValue]) -> [String: AuditValue] {
        var out: [String: AuditValue] = [:]
        for (k, v) in b where a[k] != v {
            out[k + ".from"] = a[k] ?? .null
            out[k + ".to"] = v
        }
        return out
    }
}

enum Paging {
    static func check(limit: Int, offset: Int) throws {
        var v = Validator()
        if !(1...500).contains(limit) {
            v.add("limit", "out_of_range", zh: "每页条数须在1到500之间", en: "limit must be between 1 and 500")
        }
        if offset < 0 { v.add("offset", "out_of_range", zh: "偏移量不能为负数", en: "offset must not be negative") }
        try v.finish()
    }
}
