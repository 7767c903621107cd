import AnpeiDomain
import Foundation

/// What an exam result may attach to, checked against the candidate.
public struct ExamSubjectRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// The special-operations item of a certificate the person holds.
    public func certificateItem(_ id: UUID, personID: UUID) throws -> String? {
        try conn.query("SELECT item_code FROM certificates WHERE id = \(id) AND person_id = \(personID)").first?.decode("item_code")
    }

    /// The latest review of a certificate: attempts before it served that review.
    public func lastReview(certificate id: UUID) throws -> CivilDate? {
        try conn.query("SELECT max(review_date) AS d FROM certificate_reviews WHERE certificate_id = \(id)").first?.decode("d")
    }

    public func holdsManagementCertificate(_ id: UUID, personID: UUID) throws -> Bool {
        try conn.query("SELECT 1 AS x FROM management_certificates WHERE id = \(id) AND person_id = \(personID)").first != nil
    }

    /// The session's institution and exam blueprint when the person is enrolled in it.
    public func enrolment(session: UUID, personID: UUID) throws -> (institutionID: UUID, blueprintID: String?)? {
        try conn.query("""
            SELECT s.institution_id, s.exam_blueprint_id FROM training_enrollments x JOIN training_sessions s ON s.id = x.session_id
            WHERE x.session_id = \(session) AND x.person_id = \(personID) AND x.status <> 'released'
            """).first.map { (try $0.decode("institution_id"), try $0.decode("exam_blueprint_id")) }
    }

    /// Whether the person is enrolled in any session of the institution (a proctor's candidates).
    public func enrolledWith(institutionID: UUID, personID: UUID) throws -> Bool {
        try conn.query("""
            SELECT 1 AS x FROM training_enrollments x JOIN training_sessions s ON s.id = x.session_id
            WHERE s.institution_id = \(institutionID) AND x.person_id = \(personID) AND x.status <> 'released' LIMIT 1
            """).first != nil
    }

    public func personName(_ id: UUID) throws -> String? {
        try conn.query("SELECT name FROM people WHERE id = \(id)").first?.decode("name")
    }
}
