import AnpeiDomain
import Foundation

/// SQL for waves, sessions, enrolment, attendance and coverage (R-WAVE-*).
public struct TrainingRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    // MARK: waves

    static let waveDocument = """
        jsonb_build_object(
            'id', w.id, 'jurisdiction', w.jurisdiction, 'jurisdictionName', r.name, 'year', w.year, 'targetRole', w.target_role,
            'sectorCode', w.sector_code, 'sectorName', s.name_zh, 'title', w.title, 'minDays', w.min_days,
            'requiredModules', to_jsonb(w.required_modules), 'delivery', w.delivery, 'departments', to_jsonb(w.departments),
            'source', w.source) AS doc
        FROM training_waves w JOIN sectors s ON s.code = w.sector_code LEFT JOIN regions r ON r.code = w.jurisdiction
        """

    public func wave(id: UUID) throws -> WaveRecord? {
        try conn.query("SELECT \(Self.waveDocument) WHERE w.id = $1", [id]).first.map { try JSONColumn.decode($0, "doc", as: WaveRecord.self) }
    }

    /// Waves of a year (all years when nil); with `applicableTo`, only those whose
    /// jurisdiction is the nation or contains that region (R-WAVE-4: a region is
    /// subject to its own level's waves and every level above).
    public func waves(year: Int?, applicableTo region: String?) throws -> [WaveRecord] {
        try conn.query(
            """
            SELECT \(Self.waveDocument)
            WHERE ($1::int IS NULL OR w.year = $1) AND ($2::text IS NULL OR $2 LIKE w.jurisdiction_prefix || '%')
            ORDER BY w.year, w.jurisdiction_prefix, w.target_role, w.sector_code
            """, [year, region]
        ).rows.map { try JSONColumn.decode($0, "doc", as: WaveRecord.self) }
    }

    /// Inserts or updates a wave on its natural key; returns its id and whether it was new or changed.
    public func upsertWave(_ w: TrainingWave, jurisdictionPrefix: String, source: String) throws -> (id: UUID, outcome: String) {
        let row = try conn.query(
            """
            WITH old AS (
                SELECT id, title, min_days, required_modules, delivery, departments, source FROM training_waves
                WHERE jurisdiction IS NOT DISTINCT FROM $1 AND year = $2 AND target_role = $3 AND sector_code = $4
            ), ins AS (
                INSERT INTO training_waves (jurisdiction, jurisdiction_prefix, year, target_role, sector_code, title, min_days,
                                            required_modules, delivery, departments, source)
                SELECT $1, $5, $2, $3, $4, $6, $7, $8::text[], $9, $10::text[], $11 WHERE NOT EXISTS (SELECT 1 FROM old)
                RETURNING id
            ), upd AS (
                UPDATE training_waves t SET title = $6, min_days = $7, required_modules = $8::text[], delivery = $9,
                       departments = $10::text[], source = $11, updated_at = now()
                FROM old WHERE t.id = old.id AND (old.title, old.min_days, old.required_modules, old.delivery, old.departments, old.source)
                    IS DISTINCT FROM ($6, $7, $8::text[], $9, $10::text[], $11)
                RETURNING t.id
            )
            SELECT coalesce((SELECT id FROM ins), (SELECT id FROM old)) AS id,
                   CASE WHEN EXISTS (SELECT 1 FROM ins) THEN 'created' WHEN EXISTS (SELECT 1 FROM upd) THEN 'updated' ELSE 'unchanged' END AS outcome
            """,
            [w.jurisdiction, w.year, w.targetRole.rawValue, w.sectorCode, jurisdictionPrefix, w.title, w.minDays,
             PGArray(w.requiredModules.map(\.rawValue)), w.delivery.rawValue, PGArray(w.departments), source])
        return (try row.first!.decode("id"), try row.first!.decode("outcome"))
    }

    // MARK: sessions

    static let sessionDocument = """
        jsonb_build_object(
            'id', t.id, 'waveId', t.wave_id, 'waveTitle', w.title, 'institutionId', t.institution_id, 'institutionName', i.name,
            'kind', t.kind, 'mainSessionId', t.main_session_id, 'title', t.title, 'venue', t.venue, 'regionCode', t.region_code,
            'regionName', r.name, 'startDate', t.start_date, 'endDate', t.end_date, 'hoursPerDay', t.hours_per_day,
            'capacity', t.capacity, 'modules', to_jsonb(t.modules), 'status', t.status, 'cancelReason', t.cancel_reason,
            'seatsTaken', (SELECT count(*) FROM training_enrollments e WHERE e.session_id = t.id AND e.status <> 'released')) AS doc
        FROM training_sessions t JOIN training_waves w ON w.id = t.wave_id JOIN institutions i ON i.id = t.institution_id
        JOIN regions r ON r.code = t.region_code
        """

    /// Sessions visible to a scope: institutions their own, regulators those held in
    /// their region, enterprises those their people are enrolled in, admins all.
    static func sessionScope(_ scope: ScopeFilter, first: Int) -> (String, [any PGBindable]) {
        if let institution = scope.institutionID { return ("t.institution_id = $\(first)", [institution]) }
        if let prefix = scope.regionPrefix { return ("t.region_code LIKE $\(first) || '%'", [prefix]) }
        if let enterprise = scope.enterpriseID {
            return ("""
                EXISTS (SELECT 1 FROM training_enrollments x WHERE x.session_id = t.id AND x.enterprise_id = $\(first)
                        AND x.status <> 'released')
                """, [enterprise])
        }
        return ("TRUE", [])
    }

    public func session(id: UUID, scope: ScopeFilter) throws -> SessionRecord? {
        guard !scope.nothing else { return nil }
        let (condition, params) = Self.sessionScope(scope, first: 2)
        return try conn.query("SELECT \(Self.sessionDocument) WHERE t.id = $1 AND \(condition)", [id] + params)
            .first.map { try JSONColumn.decode($0, "doc", as: SessionRecord.self) }
    }

    public func sessions(wave: UUID?, year: Int?, status: String?, scope: ScopeFilter, limit: Int, offset: Int) throws -> [SessionRecord] {
        guard !scope.nothing else { return [] }
        let (condition, params) = Self.sessionScope(scope, first: 6)
        return try conn.query(
            """
            SELECT \(Self.sessionDocument)
            WHERE ($1::uuid IS NULL OR t.wave_id = $1) AND ($2::int IS NULL OR w.year = $2) AND ($3::text IS NULL OR t.status = $3)
              AND \(condition)
            ORDER BY t.start_date, t.id LIMIT $4 OFFSET $5
            """, [wave, year, status, limit, offset] + params
        ).rows.map { try JSONColumn.decode($0, "doc", as: SessionRecord.self) }
    }

    public struct NewSession: Sendable {
        public var waveID: UUID, institutionID: UUID, kind: String, mainSessionID: UUID?, title: String, venue: String
        public var regionCode: String, start: String, end: String, hoursPerDay: Int, capacity: Int, modules: [String]
        public init(waveID: UUID, institutionID: UUID, kind: String, mainSessionID: UUID?, title: String, venue: String, regionCode: String,
                    start: String, end: String, hoursPerDay: Int, capacity: Int, modules: [String]) {
            self.waveID = waveID; self.institutionID = institutionID; self.kind = kind; self.mainSessionID = mainSessionID
            self.title = title; self.venue = venue; self.regionCode = regionCode; self.start = start; self.end = end
            self.hoursPerDay = hoursPerDay; self.capacity = capacity; self.modules = modules
        }
    }

    public func insertSession(_ s: NewSession) throws -> UUID {
        try conn.query(
            """
            INSERT INTO training_sessions (wave_id, institution_id, kind, main_session_id, title, venue, region_code, start_date,
                                           end_date, hours_per_day, capacity, modules)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9::date, $10, $11, $12::text[]) RETURNING id
            """,
            [s.waveID, s.institutionID, s.kind, s.mainSessionID, s.title, s.venue, s.regionCode, s.start, s.end, s.hoursPerDay,
             s.capacity, PGArray(s.modules)]
        ).first!.decode("id")
    }

    /// Locks the session row: enrolments of one session serialise on it, so
    /// capacity holds under concurrent requests.
    public func lockSession(id: UUID) throws {
        try conn.query("SELECT 1 FROM training_sessions WHERE id = $1 FOR UPDATE", [id])
    }

    public func setSessionStatus(id: UUID, status: String, cancelReason: String?) throws {
        try conn.query("UPDATE training_sessions SET status = $2, cancel_reason = $3, updated_at = now() WHERE id = $1",
                       [id, status, cancelReason])
    }

    /// Cancelling a session releases its enrolled trainees and observers.
    @discardableResult
    public func releaseEnrollments(session: UUID) throws -> Int {
        try conn.query(
            "UPDATE training_enrollments SET status = 'released', updated_at = now() WHERE session_id = $1 AND status = 'enrolled'",
            [session]).commandTuples
    }

    // MARK: enrolment

    /// The person's employments that qualify for the wave in the session's
    /// region: the target role, in an enterprise of the wave's sector inside
    /// `regionPrefix`, during the wave's year. Returns enterprise ids.
    public func qualifyingEnterprises(person: UUID, role: String, sector: String, regionPrefix: String, year: Int) throws -> [UUID] {
        try conn.query(
            """
            SELECT DISTINCT em.enterprise_id FROM employments em
            JOIN enterprises e ON e.id = em.enterprise_id
            JOIN enterprise_sectors es ON es.enterprise_id = e.id AND es.sector_code = $3
            WHERE em.person_id = $1 AND $2 = ANY (em.roles) AND e.region_code LIKE $4 || '%'
              AND em.start_date <= make_date($5, 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date($5, 1, 1))
            ORDER BY 1
            """, [person, role, sector, regionPrefix, year]
        ).rows.map { try $0.decode("enterprise_id") }
    }

    /// Locks the person for enrolment checks (one session at a time).
    public func lockPerson(id: UUID) throws -> Bool {
        try !conn.query("SELECT 1 FROM people WHERE id = $1 FOR UPDATE", [id]).rows.isEmpty
    }

    /// Another active enrolment of the person whose session shares a day with [start, end].
    public func overlappingSession(person: UUID, start: String, end: String, except session: UUID) throws -> (id: String, title: String, start: String, end: String)? {
        guard let row = try conn.query(
            """
            SELECT t.id::text AS id, w.title, t.start_date::text AS s, t.end_date::text AS e FROM training_enrollments en
            JOIN training_sessions t ON t.id = en.session_id JOIN training_waves w ON w.id = t.wave_id
            WHERE en.person_id = $1 AND en.status = 'enrolled' AND t.status <> 'cancelled' AND t.id <> $4
              AND t.start_date <= $3::date AND $2::date <= t.end_date
            LIMIT 1
            """, [person, start, end, session]).first else { return nil }
        return (try row.decode("id"), try row.decode("title"), try row.decode("s"), try row.decode("e"))
    }

    public func seatsTaken(session: UUID) throws -> Int {
        try conn.query("SELECT count(*) AS n FROM training_enrollments WHERE session_id = $1 AND status <> 'released'", [session])
            .first!.decode("n")
    }

    public func isEnrolled(person: UUID, session: UUID) throws -> Bool {
        try !conn.query("SELECT 1 FROM training_enrollments WHERE session_id = $1 AND person_id = $2 AND status <> 'released'",
                        [session, person]).rows.isEmpty
    }

    public func enroll(session: UUID, person: UUID, enterprise: UUID) throws -> UUID {
        try conn.query(
            """
            INSERT INTO training_enrollments (session_id, person_id, enterprise_id) VALUES ($1, $2, $3)
            ON CONFLICT (session_id, person_id) WHERE person_id IS NOT NULL
            DO UPDATE SET status = 'enrolled', enterprise_id = EXCLUDED.enterprise_id, updated_at = now()
            RETURNING id
            """, [session, person, enterprise]
        ).first!.decode("id")
    }

    public func addObserver(session: UUID, name: String, organisation: String) throws -> UUID {
        try conn.query(
            "INSERT INTO training_enrollments (session_id, observer, observer_name, observer_org) VALUES ($1, true, $2, $3) RETURNING id",
            [session, name, organisation]
        ).first!.decode("id")
    }

    public func roster(session: UUID) throws -> [RosterEntry] {
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
            WHERE en.session_id = $1
            ORDER BY en.observer, coalesce(p.name, en.observer_name), en.id
            """, [session]
        ).rows.map { row in
            // Masked by the one rule (IdentityDocument.mask, issue 10): SQL hands
            // over the number, never a second masking expression of its own.
            var entry = try JSONColumn.decode(row, "doc", as: RosterEntry.self)
            entry.document = entry.document.map(IdentityDocument.mask)
            return entry
        }
    }

    /// Attendance for one day: each listed enrolment present or absent.
    public func recordAttendance(session: UUID, day: String, entries: [(UUID, Bool)]) throws -> Int {
        guard !entries.isEmpty else { return 0 }
        return try conn.query(
            """
            INSERT INTO training_attendance (enrollment_id, day, present)
            SELECT x.id, $2::date, x.present FROM unnest($3::uuid[], $4::boolean[]) AS x(id, present)
            JOIN training_enrollments en ON en.id = x.id AND en.session_id = $1 AND en.status = 'enrolled'
            ON CONFLICT (enrollment_id, day) DO UPDATE SET present = EXCLUDED.present, recorded_at = now()
            """, [session, day, PGArray(entries.map { $0.0.uuidString.lowercased() }), PGArray(entries.map { $0.1 ? "t" : "f" })]
        ).commandTuples
    }

    /// Active enrolments of a session (not released), with their days present.
    public func presentDays(session: UUID) throws -> [(enrollment: UUID, observer: Bool, days: Int)] {
        try conn.query(
            """
            SELECT en.id, en.observer, (SELECT count(*) FROM training_attendance a WHERE a.enrollment_id = en.id AND a.present) AS days
            FROM training_enrollments en WHERE en.session_id = $1 AND en.status = 'enrolled'
            """, [session]
        ).rows.map { (try $0.decode("id"), try $0.decode("observer"), try $0.decode("days")) }
    }

    public func complete(enrollment: UUID, on date: String, code: String) throws {
        try conn.query(
            "UPDATE training_enrollments SET status = 'completed', completed_on = $2::date, completion_code = $3, updated_at = now() WHERE id = $1",
            [enrollment, date, code])
    }

    public func markNotCompleted(enrollment: UUID) throws {
        try conn.query("UPDATE training_enrollments SET status = 'not_completed', updated_at = now() WHERE id = $1", [enrollment])
    }

    /// A completion record by its verification code (public verification).
    public func completionRecord(code: String) throws -> [String: String]? {
        guard let row = try conn.query(
            """
            SELECT p.name, w.title AS "waveTitle", w.year::text AS year, i.name AS institution, t.start_date::text AS "startDate",
                   t.end_date::text AS "endDate", en.completed_on::text AS "completedOn", en.completion_code AS code
            FROM training_enrollments en JOIN people p ON p.id = en.person_id JOIN training_sessions t ON t.id = en.session_id
            JOIN training_waves w ON w.id = t.wave_id JOIN institutions i ON i.id = t.institution_id
            WHERE en.completion_code = $1 AND en.status = 'completed'
            """, [code]).first else { return nil }
        var out: [String: String] = [:]
        for c in ["name", "waveTitle", "year", "institution", "startDate", "endDate", "completedOn", "code"] { out[c] = try row.decode(c) }
        return out
    }

    // MARK: coverage

    /// The waves of `year` that reach into the region (`w`), the target
    /// population per wave (`t`: people holding the target role, during the
    /// year, in enterprises of the wave's sector inside both the wave's
    /// jurisdiction and the region) and what each did in any equivalent wave
    /// (`d`: same year, role, sector; observers excluded).
    ///
    /// `d` is gathered one of two ways with the same result: from the targets
    /// (index lookups by person, best for a county's few hundred people) or
    /// from the equivalent waves' sessions (one scan, best for a province's
    /// hundred thousand). Parameters: $1 region prefix, $2 year, $3 wave, $4 sector.
    static func coverageTargets(personDriven: Bool) -> String {
        let d = personDriven
            ? """
            d AS MATERIALIZED (
                SELECT tp.wave_id, tp.person_id, bool_or(en.status = 'completed') AS completed
                FROM (SELECT DISTINCT wave_id, person_id FROM t) tp
                JOIN w ON w.id = tp.wave_id
                JOIN training_enrollments en ON en.person_id = tp.person_id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                JOIN training_sessions s ON s.id = en.session_id AND s.status <> 'cancelled'
                JOIN training_waves w2 ON w2.id = s.wave_id AND w2.year = w.year AND w2.target_role = w.target_role
                                       AND w2.sector_code = w.sector_code
                GROUP BY 1, 2
            )
            """
            : """
            d AS MATERIALIZED (
                SELECT w.id AS wave_id, en.person_id, bool_or(en.status = 'completed') AS completed
                FROM w
                JOIN training_waves w2 ON w2.year = w.year AND w2.target_role = w.target_role AND w2.sector_code = w.sector_code
                JOIN training_sessions s ON s.wave_id = w2.id AND s.status <> 'cancelled'
                JOIN training_enrollments en ON en.session_id = s.id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                GROUP BY w.id, en.person_id
            )
            """
        return """
            w AS (
                SELECT id, year, target_role, sector_code, jurisdiction_prefix, ($1 LIKE jurisdiction_prefix || '%') AS covers
                FROM training_waves
                WHERE year = $2 AND ($3::uuid IS NULL OR id = $3) AND ($4::text IS NULL OR sector_code = $4)
                  AND (jurisdiction_prefix LIKE $1 || '%' OR $1 LIKE jurisdiction_prefix || '%')
            ), re AS MATERIALIZED (
                SELECT id, region_code FROM enterprises WHERE region_code LIKE $1 || '%'
            ), t AS MATERIALIZED (
                SELECT w.id AS wave_id, em.person_id, e.id AS enterprise_id, e.region_code
                FROM w
                JOIN enterprise_sectors es ON es.sector_code = w.sector_code
                JOIN re e ON e.id = es.enterprise_id
                -- The constant role filter lets the scan drop most employments before the join.
                JOIN employments em ON em.enterprise_id = e.id AND em.roles && ARRAY['principal', 'fire_safety_responsible']
                WHERE (w.covers OR e.region_code LIKE w.jurisdiction_prefix || '%')
                  AND w.target_role = ANY (em.roles)
                  AND em.start_date <= make_date(w.year, 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date(w.year, 1, 1))
            ), \(d)
            """
    }

    /// Person-driven gathering pays off below the prefecture (a LIKE prefix of 6 or more).
    static func personDriven(_ regionPrefix: String) -> Bool { regionPrefix.count >= 6 }

    /// Counts per wave for the whole region (`region` nil) and per child
    /// division, the child being the first `childPrefixLength` characters of the
    /// enterprise's division code. People are counted once per wave (and once
    /// per child), whatever the number of their qualifying employments.
    public func coverage(regionPrefix: String, year: Int, wave: UUID?, sector: String?, childPrefixLength: Int) throws -> [CoverageRow] {
        try conn.query(
            """
            WITH \(Self.coverageTargets(personDriven: Self.personDriven(regionPrefix))), p AS (
                SELECT t.wave_id, t.person_id, left(t.region_code, $5) AS child FROM t GROUP BY 1, 2, 3
            ), s AS (
                SELECT p.wave_id, p.child, p.person_id, d.completed
                FROM p LEFT JOIN d ON d.wave_id = p.wave_id AND d.person_id = p.person_id
            )
            SELECT wave_id::text AS wave_id, child AS region, count(*) AS target,
                   count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE NOT completed) AS enrolled
            FROM s GROUP BY 1, 2
            UNION ALL
            SELECT wave_id::text, NULL, count(*), count(*) FILTER (WHERE completed), count(*) FILTER (WHERE NOT completed)
            FROM (SELECT wave_id, person_id, bool_or(completed) AS completed FROM s GROUP BY 1, 2) x GROUP BY 1
            """,
            [regionPrefix, year, wave, sector, childPrefixLength], prepared: false
        ).rows.map {
            CoverageRow(waveID: try $0.decode("wave_id"), region: try $0.decode("region"), target: try $0.decode("target"),
                        completed: try $0.decode("completed"), enrolled: try $0.decode("enrolled"))
        }
    }

    /// People of the target populations who have not completed, with whether
    /// they are enrolled; `limit` nil for all (CSV export).
    public func missing(regionPrefix: String, year: Int, wave: UUID?, sector: String?, limit: Int?, offset: Int) throws -> [MissingPerson] {
        try conn.query(
            """
            WITH \(Self.coverageTargets(personDriven: Self.personDriven(regionPrefix)))
            SELECT DISTINCT ON (t.region_code, e.name, p.name, t.person_id, t.wave_id) jsonb_build_object(
                'waveId', t.wave_id, 'waveTitle', (SELECT title FROM training_waves x WHERE x.id = t.wave_id),
                'personId', t.person_id, 'name', p.name,
                'documentMasked', p.document_number,
                'enterpriseId', t.enterprise_id, 'enterpriseName', e.name, 'regionCode', t.region_code,
                'status', CASE WHEN d.person_id IS NULL THEN 'not_enrolled' ELSE 'enrolled' END) AS doc
            FROM t JOIN people p ON p.id = t.person_id JOIN enterprises e ON e.id = t.enterprise_id
            LEFT JOIN d ON d.wave_id = t.wave_id AND d.person_id = t.person_id
            WHERE d.completed IS NOT TRUE
            ORDER BY t.region_code, e.name, p.name, t.person_id, t.wave_id
            LIMIT $5 OFFSET $6
            """, [regionPrefix, year, wave, sector, limit, offset], prepared: false
        ).rows.map { row in
            var person = try JSONColumn.decode(row, "doc", as: MissingPerson.self)
            person.documentMasked = IdentityDocument.mask(person.documentMasked)  // the one rule, applied here
            return person
        }
    }

    /// The target population of one enterprise for the year's waves.
    public func targets(enterprise: UUID, year: Int) throws -> [(waveID: String, personID: String, name: String)] {
        try conn.query(
            """
            SELECT DISTINCT w.id::text AS wave_id, p.id::text AS person_id, p.name
            FROM training_waves w
            JOIN enterprises e ON e.id = $1 AND e.region_code LIKE w.jurisdiction_prefix || '%'
            JOIN enterprise_sectors es ON es.enterprise_id = e.id AND es.sector_code = w.sector_code
            JOIN employments em ON em.enterprise_id = e.id AND w.target_role = ANY (em.roles)
                 AND em.start_date <= make_date(w.year, 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date(w.year, 1, 1))
            JOIN people p ON p.id = em.person_id
            WHERE w.year = $2
            ORDER BY 3, 2, 1
            """, [enterprise, year], prepared: false
        ).rows.map { (try $0.decode("wave_id"), try $0.decode("person_id"), try $0.decode("name")) }
    }
}
