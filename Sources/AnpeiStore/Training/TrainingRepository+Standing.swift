import AnpeiDomain
import Foundation

/// R-INST-2: completions issued while the institution could not act are kept
/// but do not count; these queries find and mark them.
extension TrainingRepository {
    public struct UncountedCompletion: Sendable {
        public var sessionID: UUID
        public var sessionTitle: String
        public var institutionID: UUID
        public var institutionName: String
        public var waveTitle: String
        public var personID: UUID
        public var name: String
        /// Masked by the one rule (IdentityDocument.mask).
        public var documentMasked: String
        public var enterpriseName: String
        public var regionCode: String
        public var completedOn: CivilDate
        public var reason: String
    }

    /// The institution's completed sessions with their dates.
    public func completedSessions(institution: UUID) throws -> [(id: UUID, start: CivilDate, end: CivilDate)] {
        try conn.query("""
            SELECT id, start_date, end_date FROM training_sessions WHERE institution_id = \(institution) AND status = 'completed'
            """).rows.map { (try $0.decode("id"), try $0.decode("start_date"), try $0.decode("end_date")) }
    }

    /// Marks (reason) or clears (nil) the session's completions as not counting.
    @discardableResult
    public func setUncounted(session: UUID, reason: String?) throws -> Int {
        try conn.query("""
            UPDATE training_enrollments SET uncounted_reason = \(reason), updated_at = now()
            WHERE session_id = \(session) AND status = 'completed' AND uncounted_reason IS DISTINCT FROM \(reason)
            """).commandTuples
    }

    /// Uncounted completions of sessions held in the region (by the session's
    /// division), for the regulator.
    public func uncountedCompletions(regionPrefix: String) throws -> [UncountedCompletion] {
        try conn.query("""
            SELECT s.id AS session_id, s.title, i.id AS institution_id, i.name AS institution_name, w.title AS wave_title,
                   p.id AS person_id, p.name, p.document_number, coalesce(e.name, '') AS enterprise_name,
                   s.region_code, en.completed_on, en.uncounted_reason
            FROM training_enrollments en JOIN training_sessions s ON s.id = en.session_id
            JOIN institutions i ON i.id = s.institution_id JOIN training_waves w ON w.id = s.wave_id
            JOIN people p ON p.id = en.person_id LEFT JOIN enterprises e ON e.id = en.enterprise_id
            WHERE en.uncounted_reason IS NOT NULL AND en.status = 'completed' AND s.region_code LIKE \(regionPrefix) || '%'
            ORDER BY en.completed_on, s.id, p.name, p.id
            """).rows.map { r in
            UncountedCompletion(
                sessionID: try r.decode("session_id"), sessionTitle: try r.decode("title"), institutionID: try r.decode("institution_id"),
                institutionName: try r.decode("institution_name"), waveTitle: try r.decode("wave_title"), personID: try r.decode("person_id"),
                name: try r.decode("name"), documentMasked: IdentityDocument.mask(try r.decode("document_number")),
                enterpriseName: try r.decode("enterprise_name"), regionCode: try r.decode("region_code"),
                completedOn: try r.decode("completed_on"), reason: try r.decode("uncounted_reason"))
        }
    }
}
