import AnpeiDomain
import Foundation

/// A training event with its attendee count, as listed.
public struct TrainingEventRow: Codable, Sendable {
    public var id: UUID
    public var enterpriseId: UUID
    public var enterpriseName: String
    public var kind: String
    public var date: CivilDate
    public var hours: Int
    public var trainer: String
    public var title: String
    public var attendees: Int
}

/// One worker of an enterprise on a date, with what the hours rules need.
public struct LedgerWorkerRow: Codable, Sendable {
    public struct Spell: Codable, Sendable {
        public var start: CivilDate
        public var end: CivilDate?
    }
    public struct Event: Codable, Sendable {
        public var kind: String
        public var date: CivilDate
        public var hours: Int
    }
    public var personId: UUID
    public var name: String
    public var roles: [EmploymentRole]
    public var post: String
    public var postChangedOn: CivilDate?
    /// This and the earlier employments at the same enterprise.
    public var spells: [Spell]
    public var events: [Event]
    public var offPost: Bool
}

/// SQL for the training-hours ledger (R-HOURS-1/2/3, R-EMP-3). Events belong to
/// the enterprise that held them; visibility follows it.
public struct LedgerRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let eventDocument = """
        jsonb_build_object(
            'id', t.id, 'enterpriseId', t.enterprise_id, 'enterpriseName', e.name, 'kind', t.kind, 'date', t.held_on, 'hours', t.hours,
            'trainer', t.trainer, 'title', t.title,
            'attendees', (SELECT count(*) FROM training_event_attendees a WHERE a.event_id = t.id)
        ) AS doc
        FROM training_events t JOIN enterprises e ON e.id = t.enterprise_id
        """

    /// The event with this natural key, created if new. Returns its id and whether it was created.
    public func upsertEvent(enterprise: UUID, kind: HoursRules.Kind, on date: CivilDate, hours: Int, trainer: String, title: String,
                            by: String) throws -> (id: UUID, created: Bool) {
        // Insert first so that two concurrent recordings of one event meet at the natural key.
        if let id: UUID = try conn.query("""
            INSERT INTO training_events (enterprise_id, kind, held_on, hours, trainer, title, recorded_by)
            VALUES (\(enterprise), \(kind.rawValue), \(date.description)::date, \(hours), \(trainer), \(title), \(by))
            ON CONFLICT ON CONSTRAINT training_events_natural_key DO NOTHING RETURNING id
            """).first?.decode("id") {
            return (id, true)
        }
        let id: UUID = try conn.query("""
            SELECT id FROM training_events WHERE enterprise_id = \(enterprise) AND kind = \(kind.rawValue) AND held_on = \(date.description)::date
              AND hours = \(hours) AND trainer = \(trainer) AND title = \(title)
            """).one().decode("id")
        return (id, false)
    }

    /// Adds the people to the event; returns how many were not there yet.
    public func addAttendees(event: UUID, people: [UUID]) throws -> Int {
        try conn.query("""
            INSERT INTO training_event_attendees (event_id, person_id)
            SELECT \(event), p FROM unnest(\(PGArray(people.map(\.uuidString)))::uuid[]) p
            ON CONFLICT DO NOTHING RETURNING person_id
            """).count
    }

    /// Of `people`, those the enterprise employs on `date` or will employ
    /// later (induction comes before the first working day), whatever the
    /// employment type (R-EMP-1).
    public func attendable(enterprise: UUID, people: [UUID], on date: CivilDate) throws -> Set<UUID> {
        Set(try conn.query("""
            SELECT DISTINCT person_id FROM employments
            WHERE enterprise_id = \(enterprise) AND person_id = ANY (\(PGArray(people.map(\.uuidString)))::uuid[])
              AND (end_date IS NULL OR end_date >= \(date.description)::date)
            """).map { try $0.decode("person_id", as: UUID.self) })
    }

    public func find(event id: UUID, scope: ScopeFilter) throws -> TrainingEventRow? {
        try conn.query("""
            SELECT \(raw: Self.eventDocument) WHERE t.id = \(id) AND \(scope.visible(.enterprise(id: "t.enterprise_id", region: "e.region_code")))
            """).first.map { try JSONColumn.decode($0, "doc", as: TrainingEventRow.self) }
    }

    public func events(scope: ScopeFilter, enterprise: UUID?, person: UUID?, kind: String?, from: CivilDate?, to: CivilDate?,
                       limit: Int, offset: Int) throws -> [TrainingEventRow] {
        var conditions: [SQL] = [scope.visible(.enterprise(id: "t.enterprise_id", region: "e.region_code"))]
        if let enterprise { conditions.append("t.enterprise_id = \(enterprise)") }
        if let person { conditions.append("EXISTS (SELECT 1 FROM training_event_attendees a WHERE a.event_id = t.id AND a.person_id = \(person))") }
        if let kind { conditions.append("t.kind = \(kind)") }
        if let from { conditions.append("t.held_on >= \(from.description)::date") }
        if let to { conditions.append("t.held_on <= \(to.description)::date") }
        return try conn.query("""
            SELECT \(raw: Self.eventDocument) WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY t.held_on DESC, t.id LIMIT \(limit) OFFSET \(offset)
            """).map { try JSONColumn.decode($0, "doc", as: TrainingEventRow.self) }
    }

    /// The enterprise's workers on `date` (one row per current employment),
    /// with their spells there, the events they attended there up to the
    /// date, and whether a retraining case keeps them off post on it.
    public func workers(enterprise: UUID, on date: CivilDate) throws -> [LedgerWorkerRow] {
        try conn.query("""
            SELECT jsonb_build_object(
                'personId', p.id, 'name', p.name, 'roles', to_jsonb(em.roles), 'post', em.post, 'postChangedOn', em.post_changed_on,
                'spells', (SELECT jsonb_agg(jsonb_build_object('start', x.start_date, 'end', x.end_date)) FROM employments x
                           WHERE x.person_id = em.person_id AND x.enterprise_id = em.enterprise_id AND x.start_date <= em.start_date),
                'events', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', t.kind, 'date', t.held_on, 'hours', t.hours) ORDER BY t.held_on)
                                    FROM training_event_attendees a JOIN training_events t ON t.id = a.event_id
                                    WHERE a.person_id = em.person_id AND t.enterprise_id = em.enterprise_id
                                      AND t.held_on <= \(date.description)::date), '[]'::jsonb),
                'offPost', EXISTS (SELECT 1 FROM retraining_cases c WHERE c.person_id = em.person_id AND c.status <> 'void'
                                     AND c.opened_on <= \(date.description)::date
                                     AND (c.status = 'open' OR c.closed_on > \(date.description)::date))
            ) AS doc
            FROM employments em JOIN people p ON p.id = em.person_id
            WHERE em.enterprise_id = \(enterprise) AND em.start_date <= \(date.description)::date
              AND (em.end_date IS NULL OR em.end_date >= \(date.description)::date)
            ORDER BY p.name, p.id
            """).map { try JSONColumn.decode($0, "doc", as: LedgerWorkerRow.self) }
    }

    /// Whether the enterprise's own training counts as high-risk (R-HOURS-1/2):
    /// its sectors' training flag, and the override; nil if there is no such enterprise.
    public func trainingFacts(enterprise: UUID) throws -> (sectorHighRisk: Bool, override: Bool?)? {
        try conn.query("""
            SELECT EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                           WHERE es.enterprise_id = e.id AND s.high_risk_training) AS sector_high_risk, e.high_risk_override
            FROM enterprises e WHERE e.id = \(enterprise)
            """).first.map { (try $0.decode("sector_high_risk"), try $0.decode("high_risk_override")) }
    }
}
