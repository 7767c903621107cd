import AnpeiDomain
import Foundation

/// Regulator staff and the sessions they observed (R-WAVE-3).
public struct SupervisoryStaffRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    public struct Row: Sendable {
        public var id: UUID
        public var personID: UUID
        public var name: String
        public var document: String
        public var authority: String
        public var regionCode: String
        public var startDate: CivilDate
        public var endDate: CivilDate?
        public var sessionsObserved: Int
        public var lastObserved: CivilDate?
    }

    public func insert(personID: UUID, authority: String, regionCode: String, start: CivilDate, end: CivilDate?) throws -> UUID {
        try conn.query("""
            INSERT INTO supervisory_staff (person_id, authority, region_code, start_date, end_date)
            VALUES (\(personID), \(authority), \(regionCode), \(start.description)::date, \(end?.description)::date) RETURNING id
            """).one().decode("id")
    }

    /// Staff serving in the region at some time between `from` and `to`, with
    /// the sessions held in that period they attended as observers (present on
    /// at least one day).
    public func list(regionPrefix: String, from: CivilDate, to: CivilDate, id: UUID? = nil) throws -> [Row] {
        try conn.query("""
            SELECT st.id, st.person_id, p.name, p.document_number, st.authority, st.region_code, st.start_date, st.end_date,
                   count(DISTINCT s.id) AS observed, max(s.end_date) AS last_observed
            FROM supervisory_staff st JOIN people p ON p.id = st.person_id
            LEFT JOIN training_enrollments en ON en.staff_id = st.id AND en.observer
                 AND EXISTS (SELECT 1 FROM training_attendance a WHERE a.enrollment_id = en.id AND a.present)
            LEFT JOIN training_sessions s ON s.id = en.session_id AND s.status <> 'cancelled'
                 AND s.start_date >= \(from.description)::date AND s.end_date <= \(to.description)::date
            WHERE st.region_code LIKE \(regionPrefix) || '%' AND (\(id)::uuid IS NULL OR st.id = \(id)::uuid)
              AND st.start_date <= \(to.description)::date AND (st.end_date IS NULL OR st.end_date >= \(from.description)::date)
            GROUP BY st.id, p.id
            ORDER BY st.region_code, st.authority, p.name, st.id
            """).rows.map { r in
            Row(id: try r.decode("id"), personID: try r.decode("person_id"), name: try r.decode("name"),
                document: try r.decode("document_number"), authority: try r.decode("authority"), regionCode: try r.decode("region_code"),
                startDate: try r.decode("start_date"), endDate: try r.decode("end_date"), sessionsObserved: try r.decode("observed"),
                lastObserved: try r.decode("last_observed"))
        }
    }

    /// A staff member by id (any region): the caller's scope is checked by the service.
    public func find(id: UUID) throws -> (personID: UUID, name: String, authority: String, regionCode: String)? {
        guard let r = try conn.query("""
            SELECT st.person_id, p.name, st.authority, st.region_code FROM supervisory_staff st JOIN people p ON p.id = st.person_id
            WHERE st.id = \(id)
            """).first else { return nil }
        return (try r.decode("person_id"), try r.decode("name"), try r.decode("authority"), try r.decode("region_code"))
    }
}

extension TrainingRepository {
    /// An observer who is a registered member of a regulator's staff.
    public func addStaffObserver(session: UUID, staffID: UUID, personID: UUID, name: String, authority: String) throws -> UUID {
        try conn.query("""
            INSERT INTO training_enrollments (session_id, observer, person_id, staff_id, observer_name, observer_org)
            VALUES (\(session), true, \(personID), \(staffID), \(name), \(authority)) RETURNING id
            """).one().decode("id")
    }
}
