import AnpeiDomain
import Foundation

/// A retraining case with its violation, as listed and shown.
public struct CaseRow: Codable, Sendable {
    public var id: UUID
    public var violationId: UUID
    public var personId: UUID
    public var personName: String
    public var enterpriseId: UUID
    public var enterpriseName: String
    public var kind: String
    public var occurredOn: CivilDate
    public var place: String
    public var description: String
    public var foundBy: String
    public var evidence: String
    public var openedOn: CivilDate
    public var requiredHours: Int
    public var recordedHours: Int
    public var status: String
    public var closedOn: CivilDate?
    public var passedExams: [CivilDate]
}

/// A violation as recorded, for the violation list.
public struct NewViolation: Sendable {
    public var personID: UUID
    public var enterpriseID: UUID
    public var occurredOn: CivilDate
    public var kind: ViolationKind
    public var place: String
    public var description: String
    public var foundBy: String
    public var evidence: String
    public var supersedes: UUID?
    public var recordedBy: String
    /// A failed spot exam: the inspection and the attempt.
    public var inspectionID: UUID?
    public var attemptID: UUID?

    public init(personID: UUID, enterpriseID: UUID, occurredOn: CivilDate, kind: ViolationKind, place: String, description: String,
                foundBy: String, evidence: String, supersedes: UUID?, recordedBy: String, inspectionID: UUID? = nil, attemptID: UUID? = nil) {
        self.inspectionID = inspectionID
        self.attemptID = attemptID
        self.personID = personID
        self.enterpriseID = enterpriseID
        self.occurredOn = occurredOn
        self.kind = kind
        self.place = place
        self.description = description
        self.foundBy = foundBy
        self.evidence = evidence
        self.supersedes = supersedes
        self.recordedBy = recordedBy
    }
}

/// SQL for violations and retraining cases. Visibility follows the host
/// enterprise (regulators by its region, the enterprise itself), and a worker
/// sees their own.
public struct ViolationRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static func visible(_ scope: ScopeFilter) -> SQL {
        if let person = scope.personID { return "c.person_id = \(person)" }
        return scope.visible(.enterprise(id: "c.enterprise_id", region: "e.region_code"))
    }

    static let caseDocument = """
        jsonb_build_object(
            'id', c.id, 'violationId', v.id, 'personId', c.person_id, 'personName', p.name, 'enterpriseId', c.enterprise_id,
            'enterpriseName', e.name, 'kind', v.kind, 'occurredOn', v.occurred_on, 'place', v.place, 'description', v.description,
            'foundBy', v.found_by, 'evidence', v.evidence, 'openedOn', c.opened_on, 'requiredHours', c.required_hours,
            'recordedHours', (SELECT coalesce(sum(h.hours), 0) FROM retraining_hours h WHERE h.case_id = c.id),
            'status', c.status, 'closedOn', c.closed_on,
            'passedExams', coalesce((SELECT jsonb_agg(a.exam_date ORDER BY a.exam_date) FROM exam_attempts a
                                     WHERE a.purpose = 'retraining_case' AND a.subject_id = c.id AND a.person_id = c.person_id AND a.passed), '[]'::jsonb)
        ) AS doc
        FROM retraining_cases c JOIN violations v ON v.id = c.violation_id JOIN people p ON p.id = c.person_id
        JOIN enterprises e ON e.id = c.enterprise_id
        """

    public func insert(_ n: NewViolation) throws -> UUID {
        try conn.query("""
            INSERT INTO violations (person_id, enterprise_id, occurred_on, kind, place, description, found_by, evidence, supersedes, recorded_by,
                                    inspection_id, attempt_id)
            VALUES (\(n.personID), \(n.enterpriseID), \(n.occurredOn.description)::date, \(n.kind.rawValue), \(n.place), \(n.description),
                    \(n.foundBy), \(n.evidence), \(n.supersedes), \(n.recordedBy), \(n.inspectionID), \(n.attemptID))
            RETURNING id
            """).one().decode("id")
    }

    public func openCase(violation: UUID, person: UUID, enterprise: UUID, on date: CivilDate, hours: Int) throws -> UUID {
        try conn.query("""
            INSERT INTO retraining_cases (violation_id, person_id, enterprise_id, opened_on, required_hours)
            VALUES (\(violation), \(person), \(enterprise), \(date.description)::date, \(hours)) RETURNING id
            """).one().decode("id")
    }

    /// Dates of the person's other standing violations (not superseded), for the repeat rule.
    public func standingDates(person: UUID, excluding: UUID?) throws -> [CivilDate] {
        try conn.query("""
            SELECT v.occurred_on FROM violations v WHERE v.person_id = \(person) AND v.kind <> 'spot_exam_failed'
              AND NOT EXISTS (SELECT 1 FROM violations s WHERE s.supersedes = v.id) AND v.id IS DISTINCT FROM \(excluding)::uuid
            """).map { try $0.decode("occurred_on") }
    }

    /// The violation and its case, locked (a correction voids the case).
    public func violationForUpdate(_ id: UUID, scope: ScopeFilter) throws -> (personID: UUID, enterpriseID: UUID, caseID: UUID?, superseded: Bool)? {
        try conn.query("""
            SELECT v.person_id, v.enterprise_id, c.id AS case_id, EXISTS (SELECT 1 FROM violations s WHERE s.supersedes = v.id) AS superseded
            FROM violations v JOIN enterprises e ON e.id = v.enterprise_id LEFT JOIN retraining_cases c ON c.violation_id = v.id
            WHERE v.id = \(id) AND \(scope.visible(.enterprise(id: "v.enterprise_id", region: "e.region_code")))
            FOR UPDATE OF v
            """).first.map { (try $0.decode("person_id"), try $0.decode("enterprise_id"), try $0.decode("case_id"), try $0.decode("superseded")) }
    }

    public func voidCase(_ id: UUID, on date: CivilDate, by: String) throws {
        try conn.query("UPDATE retraining_cases SET status = 'void', closed_on = \(date.description)::date, closed_by = \(by) WHERE id = \(id) AND status = 'open'")
    }

    public func find(case id: UUID, scope: ScopeFilter, forUpdate: Bool = false) throws -> CaseRow? {
        if forUpdate { try conn.query("SELECT 1 AS x FROM retraining_cases WHERE id = \(id) FOR UPDATE") }
        return try conn.query("SELECT \(raw: Self.caseDocument) WHERE c.id = \(id) AND \(Self.visible(scope))")
            .first.map { try JSONColumn.decode($0, "doc", as: CaseRow.self) }
    }

    public func list(scope: ScopeFilter, status: String?, person: UUID?, enterprise: UUID?, limit: Int, offset: Int) throws -> [CaseRow] {
        var conditions: [SQL] = [Self.visible(scope)]
        if let status { conditions.append("c.status = \(status)") }
        if let person { conditions.append("c.person_id = \(person)") }
        if let enterprise { conditions.append("c.enterprise_id = \(enterprise)") }
        return try conn.query("""
            SELECT \(raw: Self.caseDocument) WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY c.opened_on DESC, c.id LIMIT \(limit) OFFSET \(offset)
            """).map { try JSONColumn.decode($0, "doc", as: CaseRow.self) }
    }

    /// `at` is the service's clock, the one attempts are stamped with: the
    /// retraining round (R-3V-4) compares the two.
    /// The enterprise's cases that kept someone off post on `date`: opened by
    /// then and not closed by then (void cases never count), oldest first.
    public func offPost(enterprise: UUID, on date: CivilDate) throws -> [CaseRow] {
        try conn.query("""
            SELECT \(raw: Self.caseDocument) WHERE c.enterprise_id = \(enterprise) AND c.status <> 'void' AND c.opened_on <= \(date.description)::date
              AND (c.status = 'open' OR c.closed_on > \(date.description)::date)
            ORDER BY c.opened_on, c.id
            """).map { try JSONColumn.decode($0, "doc", as: CaseRow.self) }
    }

    public func addHours(case id: UUID, on date: CivilDate, hours: Int, trainer: String, by: String, at: Date) throws {
        try conn.query("""
            INSERT INTO retraining_hours (case_id, trained_on, hours, trainer, recorded_by, recorded_at)
            VALUES (\(id), \(date.description)::date, \(hours), \(trainer), \(by), \(at))
            """)
    }

    /// When retraining hours were last recorded: attempts before it belong to the previous round (R-3V-4).
    public func lastRetraining(case id: UUID) throws -> Date? {
        try conn.query("SELECT max(recorded_at) AS t FROM retraining_hours WHERE case_id = \(id)").first?.decode("t")
    }

    public func copyHours(from: UUID, to: UUID) throws {
        try conn.query("""
            INSERT INTO retraining_hours (case_id, trained_on, hours, trainer, recorded_by, recorded_at)
            SELECT \(to), trained_on, hours, trainer, recorded_by, recorded_at FROM retraining_hours WHERE case_id = \(from)
            """)
    }

    public func reinstate(case id: UUID, on date: CivilDate, by: String) throws {
        try conn.query("UPDATE retraining_cases SET status = 'reinstated', closed_on = \(date.description)::date, closed_by = \(by) WHERE id = \(id)")
    }

    /// The cases that keep the person off post on `date`: opened by then and not
    /// closed by then (void cases never count), oldest first, for the work check.
    public func offPostCases(person: UUID, on date: CivilDate) throws -> [(id: UUID, openedOn: CivilDate, kind: String)] {
        try conn.query("""
            SELECT c.id, c.opened_on, v.kind FROM retraining_cases c JOIN violations v ON v.id = c.violation_id
            WHERE c.person_id = \(person) AND c.status <> 'void' AND c.opened_on <= \(date.description)::date
              AND (c.status = 'open' OR c.closed_on > \(date.description)::date)
            ORDER BY c.opened_on
            """).map { (try $0.decode("id"), try $0.decode("opened_on"), try $0.decode("kind")) }
    }

    /// Whether the enterprise employs (or employed) the person: enterprises record for their own staff.
    public func employs(enterprise: UUID, person: UUID, on date: CivilDate) throws -> Bool {
        try conn.query("""
            SELECT 1 AS x FROM employments WHERE enterprise_id = \(enterprise) AND person_id = \(person)
              AND start_date <= \(date.description)::date AND (end_date IS NULL OR end_date >= \(date.description)::date)
            """).first != nil
    }
}
