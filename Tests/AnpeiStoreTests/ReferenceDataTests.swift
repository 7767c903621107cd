import AnpeiDomain
import AnpeiStore
import AnpeiTestSupport
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
        #expect(names.keys.filter { $0.hasPrefix("54") && $0 != "540000" }.count == 7)
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
