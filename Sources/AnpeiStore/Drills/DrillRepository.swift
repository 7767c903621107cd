import AnpeiDomain
import Foundation

/// A drill with its areas, as stored.
public struct DrillRow: Codable, Sendable {
    public struct AreaRow: Codable, Sendable {
        public var areaId: UUID?
        public var kind: String
        public var name: String
        public var headcount: Int
        public var participants: Int
    }
    public var id: UUID
    public var enterpriseId: UUID
    public var enterpriseName: String
    public var date: CivilDate
    public var time: String?
    public var scenario: String
    public var recorded: Bool
    public var areas: [AreaRow]
    public var evacuationSeconds: Int?
    public var problems: String
    public var fixes: String
    public var organiser: String
    public var evidence: String
}

/// An enterprise's current area with its headcount.
public struct DrillAreaRow: Sendable {
    public var id: UUID
    public var kind: String
    public var name: String
    public var headcount: Int
}

/// The new drill's fields, checked.
public struct NewDrill: Sendable {
    public var enterpriseID: UUID
    public var date: CivilDate
    public var time: String?
    public var scenario: String
    public var recorded: Bool
    public var evacuationSeconds: Int?
    public var problems: String
    public var fixes: String
    public var organiser: String
    public var evidence: String
    public init(enterpriseID: UUID, date: CivilDate, time: String?, scenario: String, recorded: Bool, evacuationSeconds: Int?, problems: String,
                fixes: String, organiser: String, evidence: String) {
        self.enterpriseID = enterpriseID
        self.date = date
        self.time = time
        self.scenario = scenario
        self.recorded = recorded
        self.evacuationSeconds = evacuationSeconds
        self.problems = problems
        self.fixes = fixes
        self.organiser = organiser
        self.evidence = evidence
    }
}

/// SQL for drills (R-DRILL-1). Visibility follows the enterprise.
public struct DrillRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let document = """
        jsonb_build_object(
            'id', d.id, 'enterpriseId', d.enterprise_id, 'enterpriseName', e.name, 'date', d.held_on, 'time', to_char(d.starts_at, 'HH24:MI'),
            'scenario', d.scenario, 'recorded', d.recorded, 'evacuationSeconds', d.evacuation_seconds, 'problems', d.problems,
            'fixes', d.fixes, 'organiser', d.organiser, 'evidence', d.evidence,
            'areas', coalesce((SELECT jsonb_agg(jsonb_build_object('areaId', a.area_id, 'kind', a.kind, 'name', a.name, 'headcount', a.headcount,
                                                                   'participants', a.participants) ORDER BY a.kind, a.name)
                               FROM drill_areas a WHERE a.drill_id = d.id), '[]'::jsonb)
        ) AS doc
        FROM drills d JOIN enterprises e ON e.id = d.enterprise_id
        """

    public func areas(enterprise: UUID) throws -> [DrillAreaRow] {
        try conn.query("SELECT id, kind, name, headcount FROM enterprise_areas WHERE enterprise_id = \(enterprise) ORDER BY kind, name").map {
            DrillAreaRow(id: try $0.decode("id"), kind: try $0.decode("kind"), name: try $0.decode("name"), headcount: try $0.decode("headcount"))
        }
    }

    /// The enterprise's `high_risk_drill` flag (its sectors) and whether, and since when, it is closed.
    public func facts(enterprise: UUID) throws -> (highRisk: Bool, closedOn: CivilDate?) {
        let row = try conn.query("""
            SELECT EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                           WHERE es.enterprise_id = e.id AND s.high_risk_drill) AS high_risk,
                   CASE WHEN e.status = 'closed' THEN (e.updated_at AT TIME ZONE 'Asia/Shanghai')::date END AS closed_on
            FROM enterprises e WHERE e.id = \(enterprise)
            """).one()
        return (try row.decode("high_risk"), try row.decode("closed_on"))
    }

    public func insert(_ d: NewDrill, areas: [(area: DrillAreaRow, participants: Int)], by: String) throws -> UUID {
        let id: UUID = try conn.query("""
            INSERT INTO drills (enterprise_id, held_on, starts_at, scenario, recorded, evacuation_seconds, problems, fixes, organiser, evidence, recorded_by)
            VALUES (\(d.enterpriseID), \(d.date.description)::date, \(d.time)::time, \(d.scenario), \(d.recorded), \(d.evacuationSeconds),
                    \(d.problems), \(d.fixes), \(d.organiser), \(d.evidence), \(by))
            RETURNING id
            """).one().decode("id")
        try setAreas(drill: id, areas)
        return id
    }

    public func record(_ id: UUID, _ d: NewDrill, areas: [(area: DrillAreaRow, participants: Int)], by: String) throws {
        try conn.query("""
            UPDATE drills SET held_on = \(d.date.description)::date, starts_at = \(d.time)::time, scenario = \(d.scenario), recorded = true,
                   evacuation_seconds = \(d.evacuationSeconds), problems = \(d.problems), fixes = \(d.fixes), organiser = \(d.organiser),
                   evidence = \(d.evidence), recorded_by = \(by), recorded_at = now()
            WHERE id = \(id)
            """)
        try conn.query("DELETE FROM drill_areas WHERE drill_id = \(id)")
        try setAreas(drill: id, areas)
    }

    func setAreas(drill id: UUID, _ areas: [(area: DrillAreaRow, participants: Int)]) throws {
        guard !areas.isEmpty else { return }
        try conn.query("""
            INSERT INTO drill_areas (drill_id, area_id, kind, name, headcount, participants)
            SELECT \(id), a.id, a.kind, a.name, a.headcount, x.participants
            FROM unnest(\(PGArray(areas.map(\.area.id.uuidString)))::uuid[], \(PGArray(areas.map { String($0.participants) }))::int[]) AS x(area_id, participants)
            JOIN enterprise_areas a ON a.id = x.area_id
            """)
    }

    public func find(_ id: UUID, scope: ScopeFilter, forUpdate: Bool = false) throws -> DrillRow? {
        if forUpdate { try conn.query("SELECT 1 AS x FROM drills WHERE id = \(id) FOR UPDATE") }
        return try conn.query("SELECT \(raw: Self.document) WHERE d.id = \(id) AND \(scope.visible(.enterprise(id: "d.enterprise_id", region: "e.region_code")))")
            .first.map { try JSONColumn.decode($0, "doc", as: DrillRow.self) }
    }

    public func list(scope: ScopeFilter, enterprise: UUID?, from: CivilDate?, to: CivilDate?, limit: Int, offset: Int) throws -> [DrillRow] {
        var conditions: [SQL] = [scope.visible(.enterprise(id: "d.enterprise_id", region: "e.region_code"))]
        if let enterprise { conditions.append("d.enterprise_id = \(enterprise)") }
        if let from { conditions.append("d.held_on >= \(from.description)::date") }
        if let to { conditions.append("d.held_on <= \(to.description)::date") }
        return try conn.query("""
            SELECT \(raw: Self.document) WHERE \(SQL.joined(conditions, separator: " AND ")) ORDER BY d.held_on DESC, d.id LIMIT \(limit) OFFSET \(offset)
            """).map { try JSONColumn.decode($0, "doc", as: DrillRow.self) }
    }
}
