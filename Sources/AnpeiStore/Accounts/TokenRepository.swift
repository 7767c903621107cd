import Foundation

/// SQL for `auth_tokens`: only SHA-256 digests of tokens are stored.
public struct TokenRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    public func insert(hash: [UInt8], userID: UUID, expiresAt: Date, client: String?) throws {
        try conn.query(
            "INSERT INTO auth_tokens (token_hash, user_id, expires_at, client) VALUES (\(PGBytes(hash)), \(userID), \(expiresAt), \(client))")
    }

    /// The user behind a live token: not revoked, not expired, user enabled.
    /// The user's columns qualified with `u.`, built once.
    static let userColumns = UserRepository.columns.split(separator: ",")
        .map { "u." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    public func findUser(hash: [UInt8], now: Date) throws -> (user: UserRecord, expiresAt: Date)? {
        guard let row = try conn.query(
            """
            SELECT \(raw: Self.userColumns), t.expires_at AS token_expires_at
            FROM auth_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(PGBytes(hash)) AND t.revoked_at IS NULL AND t.expires_at > \(now) AND NOT u.disabled
            """
        ).first else { return nil }
        return (try UserRecord(row: row), try row.decode("token_expires_at"))
    }

    /// Revokes one token; returns whether a live token was revoked.
    @discardableResult
    public func revoke(hash: [UInt8]) throws -> Bool {
        try conn.query(
            "UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = \(PGBytes(hash)) AND revoked_at IS NULL"
        ).commandTuples > 0
    }

    /// Revokes every live token of a user; returns how many.
    @discardableResult
    public func revokeAll(userID: UUID) throws -> Int {
        try conn.query(
            "UPDATE auth_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL"
        ).commandTuples
    }
}
