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
            'sectorCode', w.sector_code, 'sectorName', s.name_zh, 'title', w.title, 'minDays', w.min_days, 'minHoursPerDay', w.min_hours_per_day,
            'requiredModules', to_jsonb(w.required_modules), 'delivery', w.delivery, 'departments', to_jsonb(w.departments),
            'source', w.source, 'kind', w.kind, 'targetRoles', to_jsonb(w.target_roles), 'owners', to_jsonb(w.owners),
            'organiser', w.organiser, 'batch', w.batch) AS doc
        FROM training_waves w LEFT JOIN sectors s ON s.code = w.sector_code LEFT JOIN regions r ON r.code = w.jurisdiction
        """

    public func wave(id: UUID) throws -> WaveRecord? {
        try conn.query("SELECT \(raw: Self.waveDocument) WHERE w.id = \(id)").first.map { try JSONColumn.decode($0, "doc", as: WaveRecord.self) }
    }

    /// Waves of a year (all years when nil); with `applicableTo`, only those whose
    /// jurisdiction is the nation or contains that region (R-WAVE-4: a region is
    /// subject to its own level's waves and every level above).
    public func waves(year: Int?, applicableTo region: String?) throws -> [WaveRecord] {
        try conn.query(
            """
            SELECT \(raw: Self.waveDocument)
            WHERE (\(year)::int IS NULL OR w.year = \(year)) AND (\(region)::text IS NULL OR \(region) LIKE w.jurisdiction_prefix || '%')
            ORDER BY w.year, w.jurisdiction_prefix, w.kind DESC, w.target_role, w.sector_code, w.batch
            """
        ).rows.map { try JSONColumn.decode($0, "doc", as: WaveRecord.self) }
    }

    /// Inserts or updates a wave on its natural key; returns its id and whether it was new or changed.
    public func upsertWave(_ w: TrainingWave, jurisdictionPrefix: String, source: String) throws -> (id: UUID, outcome: String) {
        let row = try conn.query(
            """
            WITH old AS (
                SELECT id, title, min_days, min_hours_per_day, required_modules, delivery, departments, source, target_roles, owners, organiser
                FROM training_waves
                WHERE jurisdiction IS NOT DISTINCT FROM \(w.jurisdiction) AND year = \(w.year) AND kind = \(w.kind.rawValue)
                  AND target_role = \(w.targetRole.rawValue) AND sector_code IS NOT DISTINCT FROM \(w.sectorCode)
                  AND batch IS NOT DISTINCT FROM \(w.batch)
            ), ins AS (
                INSERT INTO training_waves (jurisdiction, jurisdiction_prefix, year, target_role, sector_code, title, min_days,
                                            min_hours_per_day, required_modules, delivery, departments, source, kind, target_roles, owners,
                                            organiser, batch)
                SELECT \(w.jurisdiction), \(jurisdictionPrefix), \(w.year), \(w.targetRole.rawValue), \(w.sectorCode), \(w.title), \(w.minDays), \(w.minHoursPerDay), \(PGArray(w.requiredModules.map(\.rawValue)))::text[], \(w.delivery.rawValue), \(PGArray(w.departments))::text[], \(source),
                       \(w.kind.rawValue), \(PGArray(w.targetRoles.map(\.rawValue)))::text[], \(PGArray(w.owners.map(\.rawValue)))::text[],
                       \(w.organiser), \(w.batch) WHERE NOT EXISTS (SELECT 1 FROM old)
                RETURNING id
            ), upd AS (
                UPDATE training_waves t SET title = \(w.title), min_days = \(w.minDays), min_hours_per_day = \(w.minHoursPerDay), required_modules = \(PGArray(w.requiredModules.map(\.rawValue)))::text[], delivery = \(w.delivery.rawValue),
                       departments = \(PGArray(w.departments))::text[], source = \(source),
                       target_roles = \(PGArray(w.targetRoles.map(\.rawValue)))::text[], owners = \(PGArray(w.owners.map(\.rawValue)))::text[],
                       organiser = \(w.organiser), updated_at = now()
                FROM old WHERE t.id = old.id AND (old.title, old.min_days, old.min_hours_per_day, old.required_modules, old.delivery, old.departments,
                                                  old.source, old.target_roles, old.owners, old.organiser)
                    IS DISTINCT FROM (\(w.title), \(w.minDays), \(w.minHoursPerDay), \(PGArray(w.requiredModules.map(\.rawValue)))::text[], \(w.delivery.rawValue), \(PGArray(w.departments))::text[], \(source),
                                      \(PGArray(w.targetRoles.map(\.rawValue)))::text[], \(PGArray(w.owners.map(\.rawValue)))::text[], \(w.organiser))
                RETURNING t.id
            )
            SELECT coalesce((SELECT id FROM ins), (SELECT id FROM old)) AS id,
                   CASE WHEN EXISTS (SELECT 1 FROM ins) THEN 'created' WHEN EXISTS (SELECT 1 FROM upd) THEN 'updated' ELSE 'unchanged' END AS outcome
            """)
        return (try row.one().decode("id"), try row.one().decode("outcome"))
    }

    // MARK: sessions

    static let sessionDocument = """
        jsonb_build_object(
            'id', t.id, 'waveId', t.wave_id, 'waveTitle', w.title, 'institutionId', t.institution_id, 'institutionName', i.name,
            'kind', t.kind, 'mainSessionId', t.main_session_id, 'title', t.title, 'venue', t.venue, 'regionCode', t.region_code,
            'regionName', r.name, 'startDate', t.start_date, 'endDate', t.end_date, 'hoursPerDay', t.hours_per_day,
            'capacity', t.capacity, 'modules', to_jsonb(t.modules), 'status', t.status, 'cancelReason', t.cancel_reason, 'examBlueprintId', t.exam_blueprint_id,
            'seatsTaken', (SELECT count(*) FROM training_enrollments e WHERE e.session_id = t.id AND e.status <> 'released')) AS doc
        FROM training_sessions t JOIN training_waves w ON w.id = t.wave_id JOIN institutions i ON i.id = t.institution_id
        JOIN regions r ON r.code = t.region_code
        """

    /// Sessions visible to a scope: institutions their own, regulators those held in
    /// their region, enterprises those their people are enrolled in, admins all.
    static func sessionScope(_ scope: ScopeFilter) -> SQL {
        scope.visible(.session(id: "t.id", institution: "t.institution_id", region: "t.region_code"))
    }

    public func session(id: UUID, scope: ScopeFilter) throws -> SessionRecord? {
        guard !scope.nothing else { return nil }
        return try conn.query("SELECT \(raw: Self.sessionDocument) WHERE t.id = \(id) AND \(Self.sessionScope(scope))")
            .first.map { try JSONColumn.decode($0, "doc", as: SessionRecord.self) }
    }

    public func sessions(wave: UUID?, year: Int?, status: String?, scope: ScopeFilter, limit: Int, offset: Int) throws -> [SessionRecord] {
        guard !scope.nothing else { return [] }
        return try conn.query(
            """
            SELECT \(raw: Self.sessionDocument)
            WHERE (\(wave)::uuid IS NULL OR t.wave_id = \(wave)::uuid) AND (\(year)::int IS NULL OR w.year = \(year)::int)
              AND (\(status)::text IS NULL OR t.status = \(status)::text)
              AND \(Self.sessionScope(scope))
            ORDER BY t.start_date, t.id LIMIT \(limit) OFFSET \(offset)
            """
        ).rows.map { try JSONColumn.decode($0, "doc", as: SessionRecord.self) }
    }

    public struct NewSession: Sendable {
        public var waveID: UUID, institutionID: UUID, kind: String, mainSessionID: UUID?, title: String, venue: String
        public var regionCode: String, start: String, end: String, hoursPerDay: Int, capacity: Int, modules: [String]
        public var examBlueprintID: String?
        public init(waveID: UUID, institutionID: UUID, kind: String, mainSessionID: UUID?, title: String, venue: String, regionCode: String,
                    start: String, end: String, hoursPerDay: Int, capacity: Int, modules: [String], examBlueprintID: String? = nil) {
            self.examBlueprintID = examBlueprintID
            self.waveID = waveID; self.institutionID = institutionID; self.kind = kind; self.mainSessionID = mainSessionID
            self.title = title; self.venue = venue; self.regionCode = regionCode; self.start = start; self.end = end
            self.hoursPerDay = hoursPerDay; self.capacity = capacity; self.modules = modules
        }
    }

    public func insertSession(_ s: NewSession) throws -> UUID {
        try conn.query(
            """
            INSERT INTO training_sessions (wave_id, institution_id, kind, main_session_id, title, venue, region_code, start_date,
                                           end_date, hours_per_day, capacity, modules, exam_blueprint_id)
            VALUES (\(s.waveID), \(s.institutionID), \(s.kind), \(s.mainSessionID), \(s.title), \(s.venue), \(s.regionCode), \(s.start)::date, \(s.end)::date, \(s.hoursPerDay), \(s.capacity), \(PGArray(s.modules))::text[], \(s.examBlueprintID)) RETURNING id
            """
        ).one().decode("id")
    }

    /// Locks the session row: enrolments of one session serialise on it, so
    /// capacity holds under concurrent requests.
    public func lockSession(id: UUID) throws {
        try conn.query("SELECT 1 FROM training_sessions WHERE id = \(id) FOR UPDATE")
    }

    public func setSessionStatus(id: UUID, status: String, cancelReason: String?) throws {
        try conn.query("UPDATE training_sessions SET status = \(status), cancel_reason = \(cancelReason), updated_at = now() WHERE id = \(id)")
    }

    /// Cancelling a session releases its enrolled trainees and observers.
    @discardableResult
    public func releaseEnrollments(session: UUID) throws -> Int {
        try conn.query(
            "UPDATE training_enrollments SET status = 'released', updated_at = now() WHERE session_id = \(session) AND status = 'enrolled'").commandTuples
    }

}
