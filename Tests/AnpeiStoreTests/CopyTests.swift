import AnpeiStore
import AnpeiTestSupport
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test("streams rows in chunks")
    func copies() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        try conn.execute("CREATE TABLE staging (n int, name text)")
        let copied = try conn.copyIn("COPY staging (n, name) FROM STDIN") { write in
            for chunk in stride(from: 0, to: 5000, by: 1000) {
                var text = ""
                for i in chunk..<(chunk + 1000) { text += "\(i)\t名字\(i)\n" }
                try write(text)
            }
        }
        #expect(copied == 5000)
        let row = try conn.query("SELECT count(*) AS c, sum(n) AS s, max(name) FILTER (WHERE n = 42) AS m FROM staging").first!
        #expect(try row.decode("c", as: Int.self) == 5000)
        #expect(try row.decode("s", as: Int.self) == 4999 * 5000 / 2)
        #expect(try row.decode("m", as: String.self) == "名字42")
    }

    @Test("bad data fails the whole COPY and leaves the connection usable")
    func badData() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        try conn.execute("CREATE TABLE staging (n int)")
        #expect(throws: StoreError.self) {
            try conn.copyIn("COPY staging FROM STDIN") { write in try write("1\nnot a number\n3\n") }
        }
        #expect(conn.isUsable)
        #expect(try conn.query("SELECT count(*) AS c FROM staging").first!.decode("c", as: Int.self) == 0)
    }
}
