import AnpeiDomain
import Foundation

public struct EnterpriseValues: Codable, Sendable {
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var keyEnterprise: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var status: EnterpriseStatus
    public var areas: [EnterpriseRecord.Area]
    /// R-WAVE-9: 中央在藏, 区属 or 地市属, for the SASAC batches.
    public var ownership: EnterpriseOwnership?

    public init(
        creditCode: String, name: String, regionCode: String, sectors: [String], keyEnterprise: Bool = false,
        highRiskOverride: Bool? = nil, highRiskOverrideReason: String? = nil, status: EnterpriseStatus = .active,
        areas: [EnterpriseRecord.Area] = [], ownership: EnterpriseOwnership? = nil
    ) {
        self.ownership = ownership
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
            'keyEnterprise', e.key_enterprise, 'status', e.status, 'ownership', e.ownership,
            'areas', coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'kind', a.kind, 'name', a.name, 'headcount', a.headcount)
                                                ORDER BY a.kind, a.name)
                               FROM enterprise_areas a WHERE a.enterprise_id = e.id), '[]'::jsonb),
            'createdAt', e.created_at, 'updatedAt', e.updated_at) AS doc
        """

    static func decode(_ row: PGRow) throws -> EnterpriseRecord {
        var record = try JSONColumn.decode(row, "doc", as: EnterpriseRecord.self)
        record.highRisk = HighRisk.derive(sectorFlags: [record.sectorHighRisk], override: record.highRiskOverride)
        return record
    }

    public func find(id: UUID, scope: ScopeFilter) throws -> EnterpriseRecord? {
        // Institution users see no enterprises (yet: rosters come with sessions).
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query(
            "SELECT \(raw: Self.document) FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE \(scope.visible(.enterprise(id: "e.id", region: "e.region_code"))) AND e.id = \(id)"
        ).first.map(Self.decode)
    }

    public func find(creditCode: String) throws -> EnterpriseRecord? {
        try conn.query(
            "SELECT \(raw: Self.document) FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE e.credit_code = \(creditCode)"
        ).first.map(Self.decode)
    }

    public func list(_ q: EnterpriseQuery, scope: ScopeFilter) throws -> (items: [EnterpriseRecord], total: Int) {
        guard !scope.nothing, scope.institutionID == nil else { return ([], 0) }
        let search = q.search.map(UserRepository.escapeLike)
        let filter: SQL = """
            FROM enterprises e JOIN regions r ON r.code = e.region_code
            WHERE \(scope.visible(.enterprise(id: "e.id", region: "e.region_code")))
              AND (\(q.regionPrefix)::text IS NULL OR e.region_code LIKE \(q.regionPrefix)::text || '%')
              AND (\(q.sector)::text IS NULL OR EXISTS (SELECT 1 FROM enterprise_sectors es WHERE es.enterprise_id = e.id AND es.sector_code = \(q.sector)::text))
              AND (\(q.keyEnterprise)::boolean IS NULL OR e.key_enterprise = \(q.keyEnterprise)::boolean)
              AND (\(q.highRisk)::boolean IS NULL OR coalesce(e.high_risk_override, EXISTS (
                      SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                      WHERE es.enterprise_id = e.id AND s.high_risk_training)) = \(q.highRisk)::boolean)
              AND (\(q.status?.rawValue)::text IS NULL OR e.status = \(q.status?.rawValue)::text)
              AND (\(search)::text IS NULL OR e.name ILIKE '%' || \(search)::text || '%' OR e.credit_code = upper(\(search)::text))
            """
        let total: Int = try conn.query("SELECT count(*) AS n \(filter)").one().decode("n")
        let rows = try conn.query(
            "SELECT \(raw: Self.document) \(filter) ORDER BY e.region_code, e.name, e.id LIMIT \(q.limit) OFFSET \(q.offset)"
        ).rows
        return (try rows.map(Self.decode), total)
    }

    public func insert(_ input: EnterpriseValues) throws -> UUID {
        let id: UUID = try conn.query(
            """
            INSERT INTO enterprises (credit_code, name, region_code, key_enterprise, high_risk_override,
                                     high_risk_override_reason, status, ownership)
            VALUES (\(input.creditCode), \(input.name), \(input.regionCode), \(input.keyEnterprise), \(input.highRiskOverride), \(input.highRiskOverrideReason), \(input.status.rawValue),
                    \(input.ownership?.rawValue)) RETURNING id
            """
        ).one().decode("id")
        try replaceChildren(id: id, input)
        return id
    }

    public func update(id: UUID, _ input: EnterpriseValues) throws {
        try conn.query(
            """
            UPDATE enterprises SET credit_code = \(input.creditCode), name = \(input.name), region_code = \(input.regionCode), key_enterprise = \(input.keyEnterprise),
                   high_risk_override = \(input.highRiskOverride), high_risk_override_reason = \(input.highRiskOverrideReason), status = \(input.status.rawValue),
                   ownership = \(input.ownership?.rawValue), updated_at = now()
            WHERE id = \(id)
            """)
        try replaceChildren(id: id, input)
    }

    private func replaceChildren(id: UUID, _ input: EnterpriseValues) throws {
        try conn.query("DELETE FROM enterprise_sectors WHERE enterprise_id = \(id)")
        try conn.query(
            "INSERT INTO enterprise_sectors (enterprise_id, sector_code) SELECT \(id), unnest(\(PGArray(input.sectors))::text[])")
        // Areas keep their ids when kind and name are unchanged (drills will refer to them).
        try conn.query(
            """
            DELETE FROM enterprise_areas WHERE enterprise_id = \(id)
              AND (kind, name) NOT IN (SELECT k, n FROM unnest(\(PGArray(input.areas.map(\.kind.rawValue)))::text[], \(PGArray(input.areas.map(\.name)))::text[]) AS x(k, n))
            """)
        try conn.query(
            """
            INSERT INTO enterprise_areas (enterprise_id, kind, name, headcount)
            SELECT \(id), k, n, coalesce(h, 0)
            FROM unnest(\(PGArray(input.areas.map(\.kind.rawValue)))::text[], \(PGArray(input.areas.map(\.name)))::text[],
                        \(PGArray(input.areas.map { $0.headcount.map(String.init) }))::int[]) AS x(k, n, h)
            ON CONFLICT (enterprise_id, kind, name) DO NOTHING
            """)
        // A headcount given replaces the stored one; an area sent without one keeps it.
        try conn.query(
            """
            UPDATE enterprise_areas a SET headcount = x.h
            FROM unnest(\(PGArray(input.areas.map(\.kind.rawValue)))::text[], \(PGArray(input.areas.map(\.name)))::text[],
                        \(PGArray(input.areas.map { $0.headcount.map(String.init) }))::int[]) AS x(k, n, h)
            WHERE a.enterprise_id = \(id) AND a.kind = x.k AND a.name = x.n AND x.h IS NOT NULL AND a.headcount <> x.h
            """)
    }

    /// Codes of sectors that exist, of those given.
    public func knownSectors(_ codes: [String]) throws -> Set<String> {
        Set(try conn.query("SELECT code FROM sectors WHERE code = ANY(\(PGArray(codes))::text[])")
            .rows.map { try $0.decode("code", as: String.self) })
    }
}
