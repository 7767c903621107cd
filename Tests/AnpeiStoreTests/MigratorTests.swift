import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("Migrations")
struct MigratorTests {
    func tempDir(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, sql) in files { try sql.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("the repository's migrations apply once; re-running is a no-op")
    func realMigrations() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.createEmpty())
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.migrationsDirectory))
        let first = try migrator.migrate(conn)
        #expect(first.count == migrator.migrations.count)
        #expect(first.first?.fileName == "0001_foundation.sql")
        #expect(try migrator.migrate(conn).isEmpty)
        let recorded = try conn.query("SELECT count(*) AS n FROM schema_migrations").first!.decode("n", as: Int.self)
        #expect(recorded == migrator.migrations.count)
        #expect(try migrator.status(conn).allSatisfy { $0.appliedAt != nil && $0.checksumMatches })
    }

    @Test("an applied file that changed is refused, naming it, and nothing else runs")
    func editedMigration() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.createEmpty())
        let v1 = try tempDir(["0001_a.sql": "CREATE TABLE a (x int);"])
        _ = try Migrator(migrations: try Migration.load(from: v1)).migrate(conn)
        let v2 = try tempDir([
            "0001_a.sql": "CREATE TABLE a (x int, y int);",
            "0002_b.sql": "CREATE TABLE b (x int);",
        ])
        #expect {
            try Migrator(migrations: try Migration.load(from: v2)).migrate(conn)
        } throws: { error in
            guard case MigrationError.checksumMismatch(let file, _, _) = error else { return false }
            return file == "0001_a.sql" && "\(error)".contains("0001_a.sql")
        }
        let bExists = try conn.query("SELECT to_regclass('b') IS NOT NULL AS e").first!.decode("e", as: Bool.self)
        #expect(!bExists)
        let status = try Migrator(migrations: try Migration.load(from: v2)).status(conn)
        #expect(status.map(\.checksumMatches) == [false, true])
    }

    @Test("a failing migration rolls back entirely and is not recorded")
    func failingMigration() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.createEmpty())
        let dir = try tempDir(["0001_ok.sql": "CREATE TABLE ok (x int);", "0002_bad.sql": "CREATE TABLE half (x int); SELECT 1/0;"])
        #expect(throws: StoreError.self) { try Migrator(migrations: try Migration.load(from: dir)).migrate(conn) }
        let row = try conn.query(
            "SELECT to_regclass('ok') IS NOT NULL AS ok, to_regclass('half') IS NOT NULL AS half, (SELECT count(*) FROM schema_migrations)::int AS n"
        ).first!
        #expect(try row.decode("ok", as: Bool.self))
        #expect(try !row.decode("half", as: Bool.self))
        #expect(try row.decode("n", as: Int.self) == 1)
    }

    @Test("badly named files are refused")
    func badNames() throws {
        #expect(throws: MigrationError.self) { try Migration.load(from: try tempDir(["1_a.sql": ""])) }
        #expect(throws: MigrationError.self) { try Migration.load(from: try tempDir(["0001_a.sql": "", "0001_b.sql": ""])) }
    }

    @Test("two migrate runs at once are safe")
    func concurrent() async throws {
        let url = try TestDatabase.createEmpty()
        let migrations = try Migration.load(from: TestDatabase.migrationsDirectory)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await Task.detached {
                        let conn = try PGConnection(conninfo: url)
                        return try Migrator(migrations: migrations).migrate(conn).count
                    }.value
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(applied.sorted() == [0, 0, migrations.count])
    }
}
