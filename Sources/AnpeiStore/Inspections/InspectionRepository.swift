import AnpeiDomain
import Foundation

/// An inspection with what its spot exams came to.
public struct InspectionRow: Codable, Sendable {
    public var id: UUID
    public var enterpriseId: UUID
    public var enterpriseName: String
    public var regionCode: String
    public var inspectedOn: CivilDate
    public var inspector: String
    public var note: String
    public var examined: Int
    public var passed: Int
    public var casesOpened: Int
}

/// Per enterprise: workers examined on the spot, passes, cases opened, closed and overdue.
public struct SpotExamSummaryRow: Sendable {
    public var enterpriseID: UUID
    public var enterpriseName: String
    public var regionCode: String
    public var inspections: Int
    public var examined: Int
    public var passed: Int
    public var casesOpened: Int
    public var casesClosed: Int
    public var casesOverdue: Int
}

/// SQL for inspections (逢查必考, R-3V-3). Visibility follows the enterprise.
public struct InspectionRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let document = """
        jsonb_build_object(
            'id', i.id, 'enterpriseId', i.enterprise_id, 'enterpriseName', e.name, 'regionCode', e.region_code,
            'inspectedOn', i.inspected_on, 'inspector', i.inspector, 'note', i.note,
            'examined', (SELECT count(DISTINCT a.person_id) FROM exam_attempts a WHERE a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed IS NOT NULL),
            'passed', (SELECT count(DISTINCT a.person_id) FROM exam_attempts a WHERE a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed),
            'casesOpened', (SELECT count(*) FROM violations v WHERE v.inspection_id = i.id)
        ) AS doc
        FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
        """

    public func insert(enterprise: UUID, on date: CivilDate, inspector: String, note: String, by: String) throws -> UUID {
        try conn.query("""
            INSERT INTO inspections (enterprise_id, inspected_on, inspector, note, recorded_by)
            VALUES (\(enterprise), \(date.description)::date, \(inspector), \(note), \(by)) RETURNING id
            """).one().decode("id")
    }

    public func find(id: UUID, scope: ScopeFilter) throws -> InspectionRow? {
        try conn.query("""
            SELECT \(raw: Self.document) WHERE i.id = \(id) AND \(scope.visible(.enterprise(id: "i.enterprise_id", region: "e.region_code")))
            """).first.map { try JSONColumn.decode($0, "doc", as: InspectionRow.self) }
    }

    /// The summary for enterprises under `regionPrefix` (and the caller's scope), inspections in [from, to].
    public func summary(scope: ScopeFilter, regionPrefix: String, from: CivilDate, to: CivilDate, overdueBefore: CivilDate) throws -> [SpotExamSummaryRow] {
        try conn.query("""
            WITH i AS (SELECT i.* FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
                       WHERE e.region_code LIKE \(regionPrefix) || '%' AND \(scope.visible(.enterprise(id: "i.enterprise_id", region: "e.region_code")))
                         AND i.inspected_on BETWEEN \(from.description)::date AND \(to.description)::date),
            a AS (SELECT i.enterprise_id, a.person_id, bool_or(a.passed) AS passed FROM i JOIN exam_attempts a
                  ON a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed IS NOT NULL GROUP BY i.enterprise_id, i.id, a.person_id),
            c AS (SELECT i.enterprise_id, rc.status, rc.opened_on FROM i JOIN violations v ON v.inspection_id = i.id
                  JOIN retraining_cases rc ON rc.violation_id = v.id)
            SELECT e.id, e.name, e.region_code,
                   (SELECT count(*) FROM i WHERE i.enterprise_id = e.id)::int AS inspections,
                   (SELECT count(*) FROM a WHERE a.enterprise_id = e.id)::int AS examined,
                   (SELECT count(*) FROM a WHERE a.enterprise_id = e.id AND a.passed)::int AS passed,
                   (SELECT count(*) FROM c WHERE c.enterprise_id = e.id AND c.status <> 'void')::int AS opened,
                   (SELECT count(*) FROM c WHERE c.enterprise_id = e.id AND c.status = 'reinstated')::int AS closed,
                   (SELECT count(*) FROM c WHERE c.enterprise_id = e.id AND c.status = 'open' AND c.opened_on < \(overdueBefore.description)::date)::int AS overdue
            FROM enterprises e WHERE e.id IN (SELECT enterprise_id FROM i) ORDER BY e.region_code, e.name
            """).map {
            SpotExamSummaryRow(enterpriseID: try $0.decode("id"), enterpriseName: try $0.decode("name"), regionCode: try $0.decode("region_code"),
                               inspections: try $0.decode("inspections"), examined: try $0.decode("examined"), passed: try $0.decode("passed"),
                               casesOpened: try $0.decode("opened"), casesClosed: try $0.decode("closed"), casesOverdue: try $0.decode("overdue"))
        }
    }
}
