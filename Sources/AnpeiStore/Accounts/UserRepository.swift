import AnpeiDomain
import Foundation

/// SQL for `users`. Every value is bound as a parameter ($n), never
/// interpolated into the SQL text.
public struct UserRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let columns = """
        id, username, display_name, role, region_code, institution_id, enterprise_id, person_id, password_hash,
        disabled, failed_logins, locked_until, created_at, updated_at
        """

    public func insert(_ user: NewUser) throws -> UserRecord {
        let row = try conn.query(
            """
            INSERT INTO users (username, display_name, role, region_code, institution_id, enterprise_id, person_id, password_hash)
            VALUES (\(user.username), \(user.displayName), \(user.role.rawValue), \(user.regionCode), \(user.institutionID), \(user.enterpriseID), \(user.personID), \(user.passwordHash))
            RETURNING \(raw: Self.columns)
            """
        ).one()
        return try UserRecord(row: row)
    }

    public func find(id: UUID, forUpdate: Bool = false) throws -> UserRecord? {
        return try conn.query("SELECT \(raw: Self.columns) FROM users WHERE id = \(id)\(raw: forUpdate ? " FOR UPDATE" : "")")
            .first.map(UserRecord.init)
    }

    public func find(username: String, forUpdate: Bool = false) throws -> UserRecord? {
        return try conn.query(
            "SELECT \(raw: Self.columns) FROM users WHERE lower(username) = lower(\(username))\(raw: forUpdate ? " FOR UPDATE" : "")")
            .first.map(UserRecord.init)
    }

    /// A page of users ordered by username, with the total count.
    public func list(role: Role?, disabled: Bool?, search: String?, limit: Int, offset: Int) throws -> (users: [UserRecord], total: Int) {
        let role = role?.rawValue
        let search = search.map(Self.escapeLike)
        let filter: SQL = """
            WHERE (\(role)::text IS NULL OR role = \(role)::text)
              AND (\(disabled)::boolean IS NULL OR disabled = \(disabled)::boolean)
              AND (\(search)::text IS NULL OR username ILIKE '%' || \(search)::text || '%' OR display_name ILIKE '%' || \(search)::text || '%')
            """
        let total: Int = try conn.query("SELECT count(*) AS n FROM users \(filter)").one().decode("n")
        let rows = try conn.query(
            "SELECT \(raw: Self.columns) FROM users \(filter) ORDER BY lower(username) LIMIT \(limit) OFFSET \(offset)"
        ).rows
        return (try rows.map(UserRecord.init), total)
    }

    public func recordLoginFailure(id: UUID, state: LoginLockout.State) throws {
        try conn.query(
            "UPDATE users SET failed_logins = \(state.failedCount), locked_until = to_timestamp(\(state.lockedUntil)) WHERE id = \(id)")
    }

    /// The lockout state of this account for one client address (row locked).
    public func clientLockout(id: UUID, client: String) throws -> LoginLockout.State {
        let rows = try conn.query(
            """
            SELECT failed_count, extract(epoch FROM locked_until)::float8 AS until
            FROM login_throttle WHERE user_id = \(id) AND client = \(client) FOR UPDATE
            """).rows
        guard let row = rows.first else { return LoginLockout.State(failedCount: 0, lockedUntil: nil) }
        return LoginLockout.State(failedCount: try row.decode("failed_count"), lockedUntil: try row.decode("until"))
    }

    public func recordClientFailure(id: UUID, client: String, state: LoginLockout.State, at now: Double) throws {
        try conn.query(
            """
            INSERT INTO login_throttle (user_id, client, failed_count, locked_until, updated_at)
            VALUES (\(id), \(client), \(state.failedCount), to_timestamp(\(state.lockedUntil)), to_timestamp(\(now)))
            ON CONFLICT (user_id, client) DO UPDATE
               SET failed_count = EXCLUDED.failed_count, locked_until = EXCLUDED.locked_until, updated_at = EXCLUDED.updated_at
            """)
    }

    public func recordLoginSuccess(id: UUID, newHash: String?) throws {
        try conn.query("DELETE FROM login_throttle WHERE user_id = \(id)")
        try conn.query(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL,
                   password_hash = coalesce(\(newHash), password_hash)
            WHERE id = \(id)
            """)
    }

    public func setPassword(id: UUID, hash: String) throws {
        try conn.query("DELETE FROM login_throttle WHERE user_id = \(id)")
        try conn.query(
            """
            UPDATE users SET password_hash = \(hash), password_changed_at = now(), updated_at = now(),
                   failed_logins = 0, locked_until = NULL
            WHERE id = \(id)
            """)
    }

    public func update(id: UUID, displayName: String?, disabled: Bool?) throws -> UserRecord? {
        try conn.query(
            """
            UPDATE users SET display_name = coalesce(\(displayName), display_name),
                   disabled = coalesce(\(disabled), disabled), updated_at = now()
            WHERE id = \(id)
            RETURNING \(raw: Self.columns)
            """
        ).first.map(UserRecord.init)
    }

    public func count() throws -> Int {
        try conn.query("SELECT count(*) AS n FROM users").one().decode("n")
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
