import AnpeiDomain
import Foundation

/// A proctor's one-time code as stored (hashed).
public struct AttemptCodeRow: Sendable {
    public var institutionID: UUID
    public var personID: UUID
    public var blueprintID: String
    public var purpose: String
    public var subjectID: UUID?
    public var expiresAt: Date
    public var usedAttempt: UUID?
}

public struct AttemptCodeRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    public func insert(hash: PGBytes, institutionID: UUID, personID: UUID, blueprintID: String, purpose: String, subjectID: UUID?,
                       by: String, expiresAt: Date) throws {
        try conn.query("""
            INSERT INTO attempt_codes (code_hash, institution_id, person_id, blueprint_id, purpose, subject_id, created_by, expires_at)
            VALUES (\(hash), \(institutionID), \(personID), \(blueprintID), \(purpose), \(subjectID), \(by), \(expiresAt))
            """)
    }

    /// The code, locked: a code opens one attempt only.
    public func take(hash: PGBytes) throws -> AttemptCodeRow? {
        try conn.query("""
            SELECT institution_id, person_id, blueprint_id, purpose, subject_id, expires_at, used_attempt
            FROM attempt_codes WHERE code_hash = \(hash) FOR UPDATE
            """).first.map {
            AttemptCodeRow(institutionID: try $0.decode("institution_id"), personID: try $0.decode("person_id"),
                           blueprintID: try $0.decode("blueprint_id"), purpose: try $0.decode("purpose"),
                           subjectID: try $0.decode("subject_id"), expiresAt: try $0.decode("expires_at"),
                           usedAttempt: try $0.decode("used_attempt"))
        }
    }

    public func markUsed(hash: PGBytes, attempt: UUID) throws {
        try conn.query("UPDATE attempt_codes SET used_attempt = \(attempt) WHERE code_hash = \(hash)")
    }
}
