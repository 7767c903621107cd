import AnpeiDomain
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 10: one way to write SQL. Interpolated values are bound, never
/// spliced; fragments nest with their values; the scope becomes SQL in one place.
@Suite("SQL interpolation and the scope mapping")
struct SQLTests {
    @Test("values become $1…$n in order; raw text and fragments keep their place")
    func rendering() {
        let id = UUID(uuidString: "7d444840-9dc0-11d1-b245-5ffdce74fad2")!
        let name: String? = nil
        let inner: SQL = "p.name = \(name) AND p.age > \(18)"
        let sql: SQL = "SELECT \(raw: "p.id") FROM people p WHERE p.id = \(id) AND (\(inner)) LIMIT \(5)"
        let (text, binds) = sql.rendered
        #expect(text == "SELECT p.id FROM people p WHERE p.id = $1 AND (p.name = $2 AND p.age > $3) LIMIT $4")
        #expect(binds.map(\.pgText) == ["7d444840-9dc0-11d1-b245-5ffdce74fad2", nil, "18", "5"])
        #expect(SQL.joined(["a = \(1)", "b = \(2)"], separator: " AND ").rendered.text == "a = $1 AND b = $2")
    }

    @Test("hostile text travels as a value: the statement text never contains it")
    func hostile() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let hostile = "x'); DROP TABLE regions; --"
        let sql: SQL = "SELECT \(hostile)::text AS v"
        #expect(!sql.rendered.text.contains("DROP"))
        #expect(try conn.query(sql).one().decode("v", as: String.self) == hostile)
        #expect(try conn.query("SELECT count(*) AS n FROM regions").one().decode("n", as: Int.self) > 0)
    }

    @Test("each scope maps to its own condition; a mismatched scope sees nothing")
    func scopes() {
        let enterprise = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
        func text(_ scope: Scope, _ rows: ScopedRows) -> String { ScopeFilter(scope).visible(rows).rendered.text }
        let e = ScopedRows.enterprise(id: "e.id", region: "e.region_code")
        #expect(text(.all, e) == "TRUE")
        #expect(text(.region(RegionCode("140825")!), e) == "e.region_code LIKE $1 || '%'")
        #expect(text(.enterprise(enterprise.uuidString), e) == "e.id = $1")
        #expect(text(.institution(enterprise.uuidString), e) == "FALSE")
        #expect(text(.enterprise("not-a-uuid"), e) == "FALSE")
        let p = ScopedRows.person(id: "p.id")
        #expect(text(.region(RegionCode("140825")!), p).contains("em.person_id = p.id AND ee.region_code LIKE $1"))
        #expect(text(.enterprise(enterprise.uuidString), p).contains("em.enterprise_id = $1"))
        #expect(text(.institution(enterprise.uuidString), p) == "FALSE")
        let s = ScopedRows.session(id: "t.id", institution: "t.institution_id", region: "t.region_code")
        #expect(text(.institution(enterprise.uuidString), s) == "t.institution_id = $1")
        #expect(text(.enterprise(enterprise.uuidString), s).contains("x.enterprise_id = $1"))
        // The region prefix travels as a value.
        #expect(ScopeFilter(.region(RegionCode("140825")!)).visible(e).rendered.binds.map(\.pgText) == ["140825"])
    }
}
