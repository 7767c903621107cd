import AnpeiDomain
import Foundation

/// SQL for `users`. Every value is bound as a parameter ($n), never
/// interpolated into the SQL text.
public struct UserRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let columns = """
        id, username, display_name, role, region_code, institution_id, enterprise_id, password_hash,
        disabled, failed_logins, locked_until, created_at, updated_at
        """

    public func insert(_ user: NewUser) throws -> UserRecord {
        let row = try conn.query(
            """
            INSERT INTO users (username, display_name, role, region_code, institution_id, enterprise_id, password_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING \(Self.columns)
            """,
            [user.username, user.displayName, user.role.rawValue, user.regionCode,
             user.institutionID, user.enterpriseID, user.passwordHash]
        ).first!
        return try UserRecord(row: row)
    }

    public func find(id: UUID, forUpdate: Bool = false) throws -> UserRecord? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        return try conn.query("SELECT \(Self.columns) FROM users WHERE id = $1" + lock, [id])
            .first.map(UserRecord.init)
    }

    public func find(username: String, forUpdate: Bool = false) throws -> UserRecord? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        return try conn.query("SELECT \(Self.columns) FROM users WHERE lower(username) = lower($1)" + lock, [username])
            .first.map(UserRecord.init)
    }

    /// A page of users ordered by username, with the total count.
    public func list(role: Role?, disabled: Bool?, search: String?, limit: Int, offset: Int) throws -> (users: [UserRecord], total: Int) {
        let filter = """
            WHERE ($1::text IS NULL OR role = $1)
              AND ($2::boolean IS NULL OR disabled = $2)
              AND ($3::text IS NULL OR username ILIKE '%' || $3 || '%' OR display_name ILIKE '%' || $3 || '%')
            """
        let params: [any PGBindable] = [role?.rawValue, disabled, search.map(Self.escapeLike)]
        let total: Int = try conn.query("SELECT count(*) AS n FROM users " + filter, params).first!.decode("n")
        let rows = try conn.query(
            "SELECT \(Self.columns) FROM users \(filter) ORDER BY lower(username) LIMIT $4 OFFSET $5",
            params + [limit, offset]
        ).rows
        return (try rows.map(UserRecord.init), total)
    }

    public func recordLoginFailure(id: UUID, state: LoginLockout.State) throws {
        try conn.query(
            "UPDATE users SET failed_logins = $2, locked_until = to_timestamp($3) WHERE id = $1",
            [id, state.failedCount, state.lockedUntil])
    }

    /// The lockout state of this account for one client address (row locked).
    public func clientLockout(id: UUID, client: String) throws -> LoginLockout.State {
        let rows = try conn.query(
            """
            SELECT failed_count, extract(epoch FROM locked_until)::float8 AS until
            FROM login_throttle WHERE user_id = $1 AND client = $2 FOR UPDATE
            """, [id, client]).rows
        guard let row = rows.first else { return LoginLockout.State(failedCount: 0, lockedUntil: nil) }
        return LoginLockout.State(failedCount: try row.decode("failed_count"), lockedUntil: try row.decode("until"))
    }

    public func recordClientFailure(id: UUID, client: String, state: LoginLockout.State, at now: Double) throws {
        try conn.query(
            """
            INSERT INTO login_throttle (user_id, client, failed_count, locked_until, updated_at)
            VALUES ($1, $2, $3, to_timestamp($4), to_timestamp($5))
            ON CONFLICT (user_id, client) DO UPDATE
               SET failed_count = EXCLUDED.failed_count, locked_until = EXCLUDED.locked_until, updated_at = EXCLUDED.updated_at
            """,
            [id, client, state.failedCount, state.lockedUntil, now])
    }

    public func recordLoginSuccess(id: UUID, newHash: String?) throws {
        try conn.query("DELETE FROM login_throttle WHERE user_id = $1", [id])
        try conn.query(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL,
                   password_hash = coalesce($2, password_hash)
            WHERE id = $1
            """,
            [id, newHash])
    }

    public func setPassword(id: UUID, hash: String) throws {
        try conn.query("DELETE FROM login_throttle WHERE user_id = $1", [id])
        try conn.query(
            """
            UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now(),
                   failed_logins = 0, locked_until = NULL
            WHERE id = $1
            """,
            [id, hash])
    }

    public func update(id: UUID, displayName: String?, disabled: Bool?) throws -> UserRecord? {
        try conn.query(
            """
            UPDATE users SET display_name = coalesce($2, display_name),
                   disabled = coalesce($3, disabled), updated_at = now()
            WHERE id = $1
            RETURNING \(Self.columns)
            """,
            [id, displayName, disabled]
        ).first.map(UserRecord.init)
    }

    public func count() throws -> Int {
        try conn.query("SELECT count(*) AS n FROM users").first!.decode("n")
    }

    /// Escapes LIKE wildcards so a search for "a_b" means exactly that.
    static func escapeLike(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
