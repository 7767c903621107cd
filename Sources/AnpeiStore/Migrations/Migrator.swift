import Foundation

/// Applies migrations in order, each in its own transaction, recording them
/// in `schema_migrations`. Concurrent runs serialise on an advisory lock, so
/// two `anpei db migrate` at once are safe: the second finds nothing to do.
public struct Migrator: Sendable {
    /// An arbitrary constant shared by every anpei process ("anpei" in ASCII).
    static let lockKey: Int64 = 0x616E_7065_69

    public struct Status: Sendable {
        public let migration: Migration
        public let appliedAt: Date?
        public let checksumMatches: Bool
    }

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies what is pending and returns the migrations applied now.
    /// Refuses to run anything when an applied file has changed.
    public func migrate(_ conn: PGConnection, log: (String) -> Void = { _ in }) throws -> [Migration] {
        try conn.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? conn.query("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        try ensureTable(conn)
        let applied = try appliedChecksums(conn)
        for migration in migrations {
            if let checksum = applied[migration.version], checksum != migration.checksum {
                throw MigrationError.checksumMismatch(
                    file: migration.fileName, applied: checksum, current: migration.checksum)
            }
        }
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            log("applying \(migration.fileName)")
            _ = try PGPool.runTransaction(conn, isolation: .readCommitted) { conn in
                try conn.execute(migration.sql)
                // Bound parameters, as everywhere.
                try conn.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
            }
            done.append(migration)
        }
        return done
    }

    public func status(_ conn: PGConnection) throws -> [Status] {
        try ensureTable(conn)
        let rows = try conn.query("SELECT version, checksum, applied_at FROM schema_migrations").rows
        var applied: [Int: (String, Date)] = [:]
        for row in rows {
            applied[try row.decode("version")] = (try row.decode("checksum"), try row.decode("applied_at"))
        }
        return migrations.map { m in
            let a = applied[m.version]
            return Status(migration: m, appliedAt: a?.1, checksumMatches: a.map { $0.0 == m.checksum } ?? true)
        }
    }

    private func ensureTable(_ conn: PGConnection) throws {
        try conn.execute("""
            SET client_min_messages = warning;
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    private func appliedChecksums(_ conn: PGConnection) throws -> [Int: String] {
        var out: [Int: String] = [:]
        for row in try conn.query("SELECT version, checksum FROM schema_migrations").rows {
            out[try row.decode("version")] = try row.decode("checksum")
        }
        return out
    }

    /// Finds `db/migrations`: an explicit path, else `ANPEI_MIGRATIONS_DIR`,
    /// else the working directory or any parent of it or of the executable.
    public static func locateDirectory(explicit: String?) throws -> URL {
        if let explicit, !explicit.isEmpty {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw MigrationError.directoryNotFound(explicit)
            }
            return URL(fileURLWithPath: explicit)
        }
        if let env = ProcessInfo.processInfo.environment["ANPEI_MIGRATIONS_DIR"], !env.isEmpty {
            return try locateDirectory(explicit: env)
        }
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("db/migrations")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw MigrationError.directoryNotFound("db/migrations")
    }
}
