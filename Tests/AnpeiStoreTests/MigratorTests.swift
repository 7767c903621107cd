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

    /// Issue 11 §1: records entered under the four wrongly typed seed codes move
    /// to the statistical ones when 0009 runs on an existing database (R-REGION).
    @Test("0009 moves records from the wrongly typed seed codes to the right ones")
    func divisionCodeFix() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.createEmpty())
        let all = try Migration.load(from: TestDatabase.migrationsDirectory)
        let before = all.filter { $0.fileName < "0009" }
        _ = try Migrator(migrations: before).migrate(conn)
        try conn.execute("""
            INSERT INTO enterprises (credit_code, name, region_code) VALUES
                ('91310118MA1JL0001X', '夏阳燃气', '310118005'), ('91140825MA0K00002X', '横桥冶炼', '140825107'),
                ('91140825MA0K00003X', '开发区化工', '140825400');
            INSERT INTO users (username, display_name, role, region_code, password_hash)
                VALUES ('anjiazhuang', '安家庄乡', 'regulator', '141124210', '$argon2id$x');
            INSERT INTO training_waves (jurisdiction, jurisdiction_prefix, year, target_role, sector_code, title, min_days,
                                        required_modules, delivery)
                VALUES ('310118005', '310118005', 2024, 'principal', 'urban_gas', 't', 3, '{work_safety_law}', 'independent');
            """)
        _ = try Migrator(migrations: all).migrate(conn)
        let moved = try conn.query("SELECT name, region_code FROM enterprises ORDER BY name").rows.map {
            "\(try $0.decode("name", as: String.self))@\(try $0.decode("region_code", as: String.self))"
        }
        #expect(moved == ["夏阳燃气@310118001", "开发区化工@140825498", "横桥冶炼@140825108"])
        #expect(try conn.query("SELECT region_code FROM users WHERE username = 'anjiazhuang'").one().decode("region_code", as: String.self) == "141124209")
        let wave = try conn.query("SELECT jurisdiction, jurisdiction_prefix FROM training_waves").one()
        #expect(try wave.decode("jurisdiction", as: String.self) == "310118001" && wave.decode("jurisdiction_prefix", as: String.self) == "310118001")
        #expect(try conn.query("SELECT count(*) AS n FROM regions WHERE code IN ('310118005', '141124210')").one().decode("n", as: Int.self) == 0)
        #expect(try conn.query("SELECT name FROM regions WHERE code = '140825107'").one().decode("name", as: String.self) == "泉掌镇")
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
