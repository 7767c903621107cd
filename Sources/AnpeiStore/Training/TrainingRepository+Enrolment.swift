import AnpeiDomain
import Foundation

extension TrainingRepository {
    /// The person's employments that qualify for the wave in the session's
    /// region: the target role, in an enterprise of the wave's sector inside
    /// `regionPrefix`, during the wave's year. Returns enterprise ids.
    /// A SASAC batch (no sector, R-WAVE-9) takes key enterprises of the given owners instead.
    public func qualifyingEnterprises(person: UUID, roles: [String], sector: String?, owners: [String], regionPrefix: String,
                                      year: Int) throws -> [UUID] {
        try conn.query(
            """
            SELECT DISTINCT em.enterprise_id FROM employments em
            JOIN enterprises e ON e.id = em.enterprise_id
            WHERE em.person_id = \(person) AND em.roles && \(PGArray(roles))::text[] AND e.region_code LIKE \(regionPrefix) || '%'
              AND CASE WHEN \(sector)::text IS NULL THEN e.key_enterprise AND e.ownership = ANY (\(PGArray(owners))::text[])
                       ELSE EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sector_ancestry sa ON sa.code = es.sector_code
                                    WHERE es.enterprise_id = e.id AND sa.ancestor = \(sector)::text) END
              AND em.start_date <= make_date(\(year), 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date(\(year), 1, 1))
            ORDER BY 1
            """
        ).rows.map { try $0.decode("enterprise_id") }
    }

    /// Locks the person for enrolment checks (one session at a time).
    public func lockPerson(id: UUID) throws -> Bool {
        try !conn.query("SELECT 1 FROM people WHERE id = \(id) FOR UPDATE").rows.isEmpty
    }

    /// Another active enrolment of the person whose session shares a day with [start, end].
    public func overlappingSession(person: UUID, start: String, end: String, except session: UUID) throws -> (id: String, title: String, start: String, end: String)? {
        guard let row = try conn.query(
            """
            SELECT t.id::text AS id, w.title, t.start_date::text AS s, t.end_date::text AS e FROM training_enrollments en
            JOIN training_sessions t ON t.id = en.session_id JOIN training_waves w ON w.id = t.wave_id
            WHERE en.person_id = \(person) AND t.status <> 'cancelled' AND t.id <> \(session)
              AND t.start_date <= \(end)::date AND \(start)::date <= t.end_date
              -- Issue 11 §3: an open enrolment blocks its whole dates; a closed one
              -- (completed or not) the days the person was present.
              AND (en.status = 'enrolled'
                   OR (en.status IN ('completed', 'not_completed') AND EXISTS (
                       SELECT 1 FROM training_attendance a WHERE a.enrollment_id = en.id AND a.present
                         AND a.day BETWEEN \(start)::date AND \(end)::date)))
            LIMIT 1
            """).first else { return nil }
        return (try row.decode("id"), try row.decode("title"), try row.decode("s"), try row.decode("e"))
    }

    public func seatsTaken(session: UUID) throws -> Int {
        try conn.query("SELECT count(*) AS n FROM training_enrollments WHERE session_id = \(session) AND status <> 'released'")
            .one().decode("n")
    }

    public func isEnrolled(person: UUID, session: UUID) throws -> Bool {
        try !conn.query("SELECT 1 FROM training_enrollments WHERE session_id = \(session) AND person_id = \(person) AND status <> 'released'").rows.isEmpty
    }

    public func enroll(session: UUID, person: UUID, enterprise: UUID) throws -> UUID {
        try conn.query(
            """
            INSERT INTO training_enrollments (session_id, person_id, enterprise_id) VALUES (\(session), \(person), \(enterprise))
            ON CONFLICT (session_id, person_id) WHERE person_id IS NOT NULL
            DO UPDATE SET status = 'enrolled', enterprise_id = EXCLUDED.enterprise_id, updated_at = now()
            RETURNING id
            """
        ).one().decode("id")
    }

    public func addObserver(session: UUID, name: String, organisation: String) throws -> UUID {
        try conn.query(
            "INSERT INTO training_enrollments (session_id, observer, observer_name, observer_org) VALUES (\(session), true, \(name), \(organisation)) RETURNING id"
        ).one().decode("id")
    }

    public func roster(session: UUID) throws -> [RosterRow] {
        try conn.query(
            """
            SELECT jsonb_build_object(
                'id', en.id, 'observer', en.observer, 'personId', en.person_id,
                'name', coalesce(p.name, en.observer_name),
                'document', p.document_number,
                'organisation', coalesce(e.name, en.observer_org), 'enterpriseId', en.enterprise_id, 'status', en.status,
                'presentDays', (SELECT count(*) FROM training_attendance a WHERE a.enrollment_id = en.id AND a.present),
                'completedOn', en.completed_on, 'completionCode', en.completion_code) AS doc
            FROM training_enrollments en LEFT JOIN people p ON p.id = en.person_id LEFT JOIN enterprises e ON e.id = en.enterprise_id
            WHERE en.session_id = \(session)
            ORDER BY en.observer, coalesce(p.name, en.observer_name), en.id
            """
        ).rows.map { row in
            // Masked by the one rule (IdentityDocument.mask, issue 10): SQL hands
            // over the number, never a second masking expression of its own.
            var entry = try JSONColumn.decode(row, "doc", as: RosterRow.self)
            entry.document = entry.document.map(IdentityDocument.mask)
            return entry
        }
    }

    /// Attendance for one day: each listed enrolment present or absent.
    public func recordAttendance(session: UUID, day: String, entries: [(UUID, Bool, String?)]) throws -> Int {
        guard !entries.isEmpty else { return 0 }
        return try conn.query(
            """
            INSERT INTO training_attendance (enrollment_id, day, present, made_up_on)
            SELECT x.id, \(day)::date, x.present, nullif(x.made_up, '')::date
            FROM unnest(\(PGArray(entries.map { $0.0.uuidString.lowercased() }))::uuid[], \(PGArray(entries.map { $0.1 ? "t" : "f" }))::boolean[],
                        \(PGArray(entries.map { $0.2 ?? "" }))::text[]) AS x(id, present, made_up)
            JOIN training_enrollments en ON en.id = x.id AND en.session_id = \(session) AND en.status = 'enrolled'
            ON CONFLICT (enrollment_id, day) DO UPDATE SET present = EXCLUDED.present, made_up_on = EXCLUDED.made_up_on, recorded_at = now()
            """
        ).commandTuples
    }

    /// People of these enrolments recorded present on `day` in another session
    /// (a person is in one classroom a day, issue 11 §3).
    public func presentElsewhere(enrollments: [UUID], day: String, except session: UUID) throws -> [UUID] {
        guard !enrollments.isEmpty else { return [] }
        return try conn.query(
            """
            SELECT DISTINCT mine.id FROM training_enrollments mine
            JOIN training_enrollments other ON other.person_id = mine.person_id AND other.session_id <> \(session)
            JOIN training_attendance a ON a.enrollment_id = other.id AND a.day = \(day)::date AND a.present
            WHERE mine.id = ANY(\(PGArray(enrollments.map { $0.uuidString.lowercased() }))::uuid[]) AND mine.person_id IS NOT NULL
            """
        ).rows.map { try $0.decode("id") }
    }

    /// Active enrolments of a session (not released), with the days present and
    /// the days missed with an approved make-up (R-WAVE-8).
    public func attendance(session: UUID) throws -> [(enrollment: UUID, observer: Bool, attendance: WaveRules.Attendance, personID: UUID?)] {
        try conn.query(
            """
            SELECT en.id, en.observer, en.person_id,
                   ARRAY(SELECT a.day FROM training_attendance a WHERE a.enrollment_id = en.id AND a.present ORDER BY 1) AS present,
                   ARRAY(SELECT a.day FROM training_attendance a WHERE a.enrollment_id = en.id AND NOT a.present
                         AND a.made_up_on IS NOT NULL ORDER BY 1) AS made_up
            FROM training_enrollments en WHERE en.session_id = \(session) AND en.status = 'enrolled'
            """
        ).rows.map {
            (try $0.decode("id"), try $0.decode("observer"),
             WaveRules.Attendance(present: Set(try $0.decode("present", as: [CivilDate].self)),
                                  madeUp: Set(try $0.decode("made_up", as: [CivilDate].self))), try $0.decode("person_id"))
        }
    }

    public func complete(enrollment: UUID, on date: String, code: String) throws {
        try conn.query(
            "UPDATE training_enrollments SET status = 'completed', completed_on = \(date)::date, completion_code = \(code), updated_at = now() WHERE id = \(enrollment)")
    }

    public func markNotCompleted(enrollment: UUID) throws {
        try conn.query("UPDATE training_enrollments SET status = 'not_completed', updated_at = now() WHERE id = \(enrollment)")
    }

    /// A completion record by its verification code (public verification).
    public func completionRecord(code: String) throws -> [String: String]? {
        guard let row = try conn.query(
            """
            SELECT p.name, w.title AS "waveTitle", w.year::text AS year, i.name AS institution, t.start_date::text AS "startDate",
                   t.end_date::text AS "endDate", en.completed_on::text AS "completedOn", en.completion_code AS code
            FROM training_enrollments en JOIN people p ON p.id = en.person_id JOIN training_sessions t ON t.id = en.session_id
            JOIN training_waves w ON w.id = t.wave_id JOIN institutions i ON i.id = t.institution_id
            WHERE en.completion_code = \(code) AND en.status = 'completed'
            """).first else { return nil }
        var out: [String: String] = [:]
        for c in ["name", "waveTitle", "year", "institution", "startDate", "endDate", "completedOn", "code"] { out[c] = try row.decode(c) }
        return out
    }
}
