import AnpeiDomain
import Foundation

public struct EnterpriseInput: Codable, Sendable {
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var keyEnterprise: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var status: EnterpriseStatus
    public var areas: [EnterpriseRecord.Area]

    public init(
        creditCode: String, name: String, regionCode: String, sectors: [String], keyEnterprise: Bool = false,
        highRiskOverride: Bool? = nil, highRiskOverrideReason: String? = nil, status: EnterpriseStatus = .active,
        areas: [EnterpriseRecord.Area] = []
    ) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.sectors = sectors
        self.keyEnterprise = keyEnterprise
        self.highRiskOverride = highRiskOverride
        self.highRiskOverrideReason = highRiskOverrideReason
        self.status = status
        self.areas = areas
    }
}

public struct EnterpriseQuery: Sendable {
    public var regionPrefix: String?
    public var sector: String?
    public var keyEnterprise: Bool?
    public var highRisk: Bool?
    public var status: EnterpriseStatus?
    public var search: String?
    public var limit: Int
    public var offset: Int

    public init(
        regionPrefix: String? = nil, sector: String? = nil, keyEnterprise: Bool? = nil, highRisk: Bool? = nil,
        status: EnterpriseStatus? = nil, search: String? = nil, limit: Int = 50, offset: Int = 0
    ) {
        self.regionPrefix = regionPrefix
        self.sector = sector
        self.keyEnterprise = keyEnterprise
        self.highRisk = highRisk
        self.status = status
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}

/// SQL for enterprises, their sectors and areas. Values are bound ($n).
public struct EnterpriseRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// One JSON document per enterprise row `e` joined to its region `r`.
    static let document = """
        jsonb_build_object(
            'id', e.id, 'creditCode', e.credit_code, 'name', e.name,
            'regionCode', e.region_code, 'regionName', r.name,
            'sectors', coalesce((SELECT jsonb_agg(es.sector_code ORDER BY es.sector_code)
                                 FROM enterprise_sectors es WHERE es.enterprise_id = e.id), '[]'::jsonb),
            'sectorHighRisk', EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                                      WHERE es.enterprise_id = e.id AND s.high_risk_training),
            'mining', EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                              WHERE es.enterprise_id = e.id AND s.mining),
            'highRisk', false,
            'highRiskOverride', e.high_risk_override, 'highRiskOverrideReason', e.high_risk_override_reason,
            'keyEnterprise', e.key_enterprise, 'status', e.status,
            'areas', coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'kind', a.kind, 'name', a.name)
                                                ORDER BY a.kind, a.name)
                               FROM enterprise_areas a WHERE a.enterprise_id = e.id), '[]'::jsonb),
            'createdAt', e.created_at, 'updatedAt', e.updated_at) AS doc
        """

    static let scopeCondition = "($1::text IS NULL OR e.region_code LIKE $1 || '%') AND ($2::uuid IS NULL OR e.id = $2)"

    static func decode(_ row: PGRow) throws -> EnterpriseRecord {
        var record = try JSONColumn.decode(row, "doc", as: EnterpriseRecord.self)
        record.highRisk = HighRisk.derive(sectorFlags: [record.sectorHighRisk], override: record.highRiskOverride)
        return record
    }

    public func find(id: UUID, scope: ScopeFilter) throws -> EnterpriseRecord? {
        // Institution users see no enterprises (yet: rosters come with sessions).
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query(
            "SELECT \(Self.document) FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE \(Self.scopeCondition) AND e.id = $3",
            [scope.regionPrefix, scope.enterpriseID, id]
        ).first.map(Self.decode)
    }

    public func find(creditCode: String) throws -> EnterpriseRecord? {
        try conn.query(
            "SELECT \(Self.document) FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE e.credit_code = $1",
            [creditCode]
        ).first.map(Self.decode)
    }

    public func list(_ q: EnterpriseQuery, scope: ScopeFilter) throws -> (items: [EnterpriseRecord], total: Int) {
        guard !scope.nothing, scope.institutionID == nil else { return ([], 0) }
        let filter = """
            FROM enterprises e JOIN regions r ON r.code = e.region_code
            WHERE \(Self.scopeCondition)
              AND ($3::text IS NULL OR e.region_code LIKE $3 || '%')
              AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM enterprise_sectors es WHERE es.enterprise_id = e.id AND es.sector_code = $4))
              AND ($5::boolean IS NULL OR e.key_enterprise = $5)
              AND ($6::boolean IS NULL OR coalesce(e.high_risk_override, EXISTS (
                      SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                      WHERE es.enterprise_id = e.id AND s.high_risk_training)) = $6)
              AND ($7::text IS NULL OR e.status = $7)
              AND ($8::text IS NULL OR e.name ILIKE '%' || $8 || '%' OR e.credit_code = upper($8))
            """
        let params: [any PGBindable] = [
            scope.regionPrefix, scope.enterpriseID, q.regionPrefix, q.sector, q.keyEnterprise, q.highRisk,
            q.status?.rawValue, q.search.map(UserRepository.escapeLike),
        ]
        let total: Int = try conn.query("SELECT count(*) AS n " + filter, params).first!.decode("n")
        let rows = try conn.query(
            "SELECT \(Self.document) \(filter) ORDER BY e.region_code, e.name, e.id LIMIT $9 OFFSET $10",
            params + [q.limit, q.offset]
        ).rows
        return (try rows.map(Self.decode), total)
    }

    public func insert(_ input: EnterpriseInput) throws -> UUID {
        let id: UUID = try conn.query(
            """
            INSERT INTO enterprises (credit_code, name, region_code, key_enterprise, high_risk_override,
                                     high_risk_override_reason, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """,
            [input.creditCode, input.name, input.regionCode, input.keyEnterprise, input.highRiskOverride,
             input.highRiskOverrideReason, input.status.rawValue]
        ).first!.decode("id")
        try replaceChildren(id: id, input)
        return id
    }

    public func update(id: UUID, _ input: EnterpriseInput) throws {
        try conn.query(
            """
            UPDATE enterprises SET credit_code = $2, name = $3, region_code = $4, key_enterprise = $5,
                   high_risk_override = $6, high_risk_override_reason = $7, status = $8, updated_at = now()
            WHERE id = $1
            """,
            [id, input.creditCode, input.name, input.regionCode, input.keyEnterprise, input.highRiskOverride,
             input.highRiskOverrideReason, input.status.rawValue])
        try replaceChildren(id: id, input)
    }

    private func replaceChildren(id: UUID, _ input: EnterpriseInput) throws {
        try conn.query("DELETE FROM enterprise_sectors WHERE enterprise_id = $1", [id])
        try conn.query(
            "INSERT INTO enterprise_sectors (enterprise_id, sector_code) SELECT $1, unnest($2::text[])",
            [id, PGArray(input.sectors)])
        // Areas keep their ids when kind and name are unchanged (drills will refer to them).
        try conn.query(
            """
            DELETE FROM enterprise_areas WHERE enterprise_id = $1
              AND (kind, name) NOT IN (SELECT k, n FROM unnest($2::text[], $3::text[]) AS x(k, n))
            """,
            [id, PGArray(input.areas.map(\.kind.rawValue)), PGArray(input.areas.map(\.name))])
        try conn.query(
            """
            INSERT INTO enterprise_areas (enterprise_id, kind, name)
            SELECT $1, k, n FROM unnest($2::text[], $3::text[]) AS x(k, n)
            ON CONFLICT (enterprise_id, kind, name) DO NOTHING
            """,
            [id, PGArray(input.areas.map(\.kind.rawValue)), PGArray(input.areas.map(\.name))])
    }

    /// Codes of sectors that exist, of those given.
    public func knownSectors(_ codes: [String]) throws -> Set<String> {
        Set(try conn.query("SELECT code FROM sectors WHERE code = ANY($1::text[])", [PGArray(codes)])
            .rows.map { try $0.decode("code", as: String.self) })
    }
}
