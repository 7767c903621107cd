import AnpeiDomain
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("Reference data")
struct ReferenceDataTests {
    /// R-REGION: every shipped division code is well formed and lies inside its parent.
    @Test("shipped divisions form a consistent hierarchy (R-REGION)")
    func regions() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let rows = try conn.query("SELECT code, name, parent_code FROM regions").rows
        #expect(rows.count >= 15)
        var names: [String: String] = [:]
        for row in rows {
            let code: String = try row.decode("code")
            let parent: String? = try row.decode("parent_code")
            names[code] = try row.decode("name")
            let region = try #require(RegionCode(code), "malformed code \(code)")
            if let parent {
                let p = try #require(RegionCode(parent))
                #expect(p.contains(region) && p != region, "\(code) is not inside \(parent)")
            } else {
                #expect(region.level == .province)
            }
        }
        // The seed plans' jurisdictions (S0 新绛县, S3 临县, S2 青浦区, S4 西藏).
        #expect(names["140825"] == "新绛县")
        #expect(names["141124"] == "临县")
        #expect(names["310118"] == "青浦区")
        let parents = try Dictionary(uniqueKeysWithValues: rows.map { (try $0.decode("code", as: String.self), try $0.decode("parent_code", as: String?.self)) })
        #expect(parents.filter { $0.value == "540000" }.count == 7)
    }

    /// Issue 11 §1: the whole national list ships, and the seed plans' codes are
    /// the statistical ones (R-REGION).
    @Test("the national division codes are loaded, the seed jurisdictions right (R-REGION)")
    func nationalList() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let counts = try conn.query("""
            SELECT count(*) FILTER (WHERE length(code) = 6 AND code LIKE '__0000') AS provinces,
                   count(*) FILTER (WHERE length(code) = 6 AND code LIKE '____00' AND code NOT LIKE '__0000') AS prefectures,
                   count(*) FILTER (WHERE length(code) = 6 AND code NOT LIKE '____00') AS counties,
                   count(*) FILTER (WHERE length(code) = 9) AS townships,
                   count(*) FILTER (WHERE national) AS national
            FROM regions
            """).one()
        #expect(try counts.decode("provinces", as: Int.self) == 31)
        #expect(try counts.decode("prefectures", as: Int.self) == 342)
        // areas.csv has 2,978 rows; three of them are cities without counties listed
        // again as their own area (441900 东莞市, 442000 中山市, 460400 儋州市).
        #expect(try counts.decode("counties", as: Int.self) == 2_975)
        #expect(try counts.decode("townships", as: Int.self) == 41_352)
        #expect(try counts.decode("national", as: Int.self) == 31 + 342 + 2_975 + 41_352)
        func region(_ code: String) throws -> (name: String, parent: String?)? {
            try conn.query("SELECT name, parent_code FROM regions WHERE code = \(code)").first.map {
                (try $0.decode("name"), try $0.decode("parent_code"))
            }
        }
        // S2 夏阳街道 under 青浦区 under 上海市's 市辖区; S3 安家庄乡 under 临县 under 吕梁市.
        #expect(try region("310118001")?.name == "夏阳街道" && region("310118001")?.parent == "310118")
        #expect(try region("310118")?.parent == "310100" && region("310100")?.name == "市辖区" && region("310100")?.parent == "310000")
        #expect(try region("141124209")?.name == "安家庄乡" && region("141124")?.parent == "141100")
        // S0 新绛县's towns: 107 泉掌镇, 108 横桥镇, 400 新绛县社区, 498 the development zone.
        #expect(try region("140825107")?.name == "泉掌镇")
        #expect(try region("140825108")?.name == "横桥镇")
        #expect(try region("140825400")?.name == "新绛县社区")
        #expect(try region("140825498")?.name == "新绛县经济技术开发区")
        // The wrong codes of the hand-typed excerpt are gone.
        #expect(try region("310118005") == nil && region("141124210") == nil)
    }

    /// Divisions change yearly: a newer edition renames and moves in place and
    /// withdraws what it drops, never deleting a code a record refers to.
    @Test("a newer edition updates names and parents in place and withdraws dropped codes")
    func newerEdition() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let shipped = DivisionLoader.directory(besideMigrations: TestDatabase.migrationsDirectory)
        let actor = AuditActor(id: nil, name: "system:test", requestID: nil)
        // The template loaded this edition already: loading again is a no-op.
        #expect(try DivisionLoader(conn).load(directory: shipped, actor: actor).loaded == false)
        try conn.query("""
            INSERT INTO enterprises (credit_code, name, region_code) VALUES ('91140825MA0K00001X', '泉掌测试厂', '140825107')
            """)
        let next = FileManager.default.temporaryDirectory.appendingPathComponent("divisions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: next, withIntermediateDirectories: true)
        for file in DivisionLoader.files {
            var text = try String(contentsOf: shipped.appendingPathComponent(file), encoding: .utf8)
            if file == "streets.csv" {
                text = text.replacingOccurrences(of: "140825100,\"龙兴镇\"", with: "140825100,\"龙兴街道\"")  // renamed
                text = text.components(separatedBy: "\n").filter { !$0.hasPrefix("140825107,") }.joined(separator: "\n")  // dropped
            }
            if file == "areas.csv" {
                text = text.replacingOccurrences(of: "140825,\"新绛县\",1408,14", with: "140825,\"新绛县\",1411,14")  // moved
            }
            try text.write(to: next.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let outcome = try DivisionLoader(conn).load(directory: next, actor: actor)
        #expect(outcome.loaded && outcome.inserted == 0 && outcome.updated == 2 && outcome.withdrawn == 1)
        let row = { (code: String) throws -> PGRow in try conn.query("SELECT name, parent_code, withdrawn FROM regions WHERE code = \(code)").one() }
        #expect(try row("140825100").decode("name", as: String.self) == "龙兴街道")
        #expect(try row("140825").decode("parent_code", as: String?.self) == "141100")
        // Dropped, but an enterprise is there: kept, marked withdrawn.
        #expect(try row("140825107").decode("withdrawn", as: Bool.self))
        #expect(try conn.query("SELECT count(*) AS n FROM enterprises WHERE region_code = '140825107'").one().decode("n", as: Int.self) == 1)
        #expect(try conn.query("SELECT count(*) AS n FROM audit_log WHERE action = 'reference.divisions_loaded'").one().decode("n", as: Int.self) == 1)
    }
}

@Suite("Unique keys named in code exist in the schema")
struct UniqueKeyTests {
    @Test("every UniqueKey is a unique constraint or index of the migrated schema")
    func keysExist() async throws {
        let pool = try TestDatabase.pool(size: 1)
        let names = try await pool.withConnection { conn in
            // A 23505 names the constraint, or the unique index (users_username_key is one, on lower(username)).
            try conn.query("""
                SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisunique AND n.nspname = 'public'
                """).rows.map { try $0.decode("name", as: String.self) }
        }
        for key in UniqueKey.allCases { #expect(names.contains(key.rawValue), "\(key.rawValue)") }
    }
}
