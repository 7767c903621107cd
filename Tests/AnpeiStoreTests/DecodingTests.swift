import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("libpq wrapper: parameters and typed decoding")
struct DecodingTests {
    @Test("every column type we use decodes, NULL only into optionals")
    func types() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let row = try #require(try conn.query(
            """
            SELECT 'Ω 安培'::text AS t, 42::int4 AS i, 9007199254740993::int8 AS b, true AS yes, false AS no,
                   '2024-02-29'::date AS d, '2026-11-23 08:30:00.123456+08'::timestamptz AS ts,
                   '7d444840-9dc0-11d1-b245-5ffdce74fad2'::uuid AS u, '{"b":1,"a":[true,null]}'::jsonb AS j,
                   ARRAY['a', 'b,c', 'd"e', NULL, '\\', ''] AS arr, ARRAY[1,2,3]::int4[] AS ints,
                   '{}'::text[] AS empty, NULL::text AS n, '\\x00ff10'::bytea AS bytes
            """).first)
        #expect(try row.decode("t", as: String.self) == "Ω 安培")
        #expect(try row.decode("i", as: Int.self) == 42)
        #expect(try row.decode("b", as: Int64.self) == 9_007_199_254_740_993)
        #expect(try row.decode("yes", as: Bool.self) == true)
        #expect(try row.decode("no", as: Bool.self) == false)
        #expect(try row.decode("d", as: PGDate.self) == PGDate(year: 2024, month: 2, day: 29))
        let ts: Date = try row.decode("ts")
        #expect(abs(ts.timeIntervalSince1970 - 1_795_393_800.123456) < 0.000001)
        #expect(try row.decode("u", as: UUID.self) == UUID(uuidString: "7d444840-9dc0-11d1-b245-5ffdce74fad2"))
        #expect(try row.decode("j", as: PGJSON.self).json == #"{"a": [true, null], "b": 1}"#)
        #expect(try row.decode("arr", as: [String?].self) == ["a", "b,c", "d\"e", nil, "\\", ""])
        #expect(try row.decode("ints", as: [Int].self) == [1, 2, 3])
        #expect(try row.decode("empty", as: [String].self) == [])
        #expect(try row.decode("n", as: String?.self) == nil)
        #expect(try row.decode("bytes", as: PGBytes.self) == PGBytes([0x00, 0xFF, 0x10]))
        #expect(throws: StoreError.self) { try row.decode("n", as: String.self) }
        #expect(throws: StoreError.self) { try row.decode("t", as: Int.self) }
        #expect(throws: StoreError.self) { try row.decode("no_such_column", as: Int.self) }
    }

    @Test("bound parameters round-trip and are never interpreted as SQL")
    func parameters() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        try conn.execute("CREATE TABLE t (s text, a text[], d date, ts timestamptz, j jsonb, u uuid, n int8, f boolean)")
        let hostile = "x'); DROP TABLE t; --"
        let when = Date(timeIntervalSince1970: 1_700_000_000.654321)
        let id = UUID()
        try conn.query(
            "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [hostile, PGArray(["a", "b c", "q\"uote", "back\\slash", nil]), PGDate(year: 2000, month: 2, day: 29)!,
             when, PGJSON(json: #"{"k": "v"}"#), id, Int64.max, false])
        let row = try #require(try conn.query("SELECT * FROM t WHERE s = $1", [hostile]).first)
        #expect(try row.decode("s", as: String.self) == hostile)
        #expect(try row.decode("a", as: [String?].self) == ["a", "b c", "q\"uote", "back\\slash", nil])
        #expect(try row.decode("d", as: PGDate.self).description == "2000-02-29")
        #expect(abs(try row.decode("ts", as: Date.self).timeIntervalSince(when)) < 0.000001)
        #expect(try row.decode("u", as: UUID.self) == id)
        #expect(try row.decode("n", as: Int64.self) == Int64.max)
        #expect(try row.decode("f", as: Bool.self) == false)
        let nullRow = try conn.query("SELECT $1::text IS NULL AS isnull", [String?.none]).first!
        #expect(try nullRow.decode("isnull", as: Bool.self))
    }

    @Test("bytes and timestamps are written in the forms the server reads")
    func parameterText() throws {
        #expect(PGBytes([0x00, 0xFF, 0x10, 0xA5]).pgText == "\\x00ff10a5")
        #expect(Date(timeIntervalSince1970: 1_700_000_000.654321).pgText == "2023-11-14T22:13:20.654321Z")
        #expect(Date(timeIntervalSince1970: -1.5).pgText == "1969-12-31T23:59:58.500000Z")
        #expect(Date(timeIntervalSince1970: 951_782_400).pgText == "2000-02-29T00:00:00.000000Z")
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let row = try #require(try conn.query("SELECT $1::bytea = '\\x00ff10a5'::bytea AS same", [PGBytes([0x00, 0xFF, 0x10, 0xA5])]).first)
        #expect(try row.decode("same", as: Bool.self))
    }

    @Test("statements are prepared once per connection and stay usable after errors")
    func preparedStatements() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        for n in [1, 41, -7] {
            #expect(try conn.query("SELECT $1::int + 1 AS v", [n]).first!.decode("v", as: Int.self) == n + 1)
        }
        // A statement the server refuses is not remembered; the connection goes on.
        #expect(throws: StoreError.self) { try conn.query("SELEC $1::int", [1]) }
        #expect(throws: StoreError.self) { try conn.query("SELEC $1::int", [1]) }
        // Inside a failed transaction every statement fails until ROLLBACK, prepared or not.
        try conn.execute("BEGIN")
        #expect(throws: StoreError.self) { try conn.query("SELECT 1 / $1::int AS v", [0]) }
        #expect(throws: StoreError.self) { try conn.query("SELECT $1::int + 1 AS v", [1]) }
        try conn.execute("ROLLBACK")
        #expect(try conn.query("SELECT $1::int + 1 AS v", [2]).first!.decode("v", as: Int.self) == 3)
        #expect(try conn.query("SELECT 1 / $1::int AS v", [1]).first!.decode("v", as: Int.self) == 1)
        #expect(conn.isUsable)
    }

    @Test("calendar arithmetic of the date codec", arguments: [(2024, 2, 29, true), (2023, 2, 29, false), (1900, 2, 29, false),
                                                               (2000, 2, 29, true), (2026, 4, 31, false), (2026, 12, 31, true)])
    func dates(y: Int, m: Int, d: Int, valid: Bool) {
        #expect((PGDate(year: y, month: m, day: d) != nil) == valid)
    }
}
