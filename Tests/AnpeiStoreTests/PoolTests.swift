import AnpeiStore
import AnpeiTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("never more connections in use than its size")
    func bounded() async throws {
        let pool = try TestDatabase.pool(size: 2)
        let inUse = NIOLockedValueBox((now: 0, max: 0, started: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await pool.withConnection { conn in
                        inUse.withLockedValue { $0.now += 1; $0.started += 1; $0.max = max($0.max, $0.now) }
                        // The first holders wait (up to 5 s) until two have started, so
                        // the pool's full size is reached however loaded the machine is
                        // (a 20 ms overlap alone was timing-dependent on a busy CI host).
                        for _ in 0..<250 where inUse.withLockedValue({ $0.started }) < 2 { usleep(20_000) }
                        try conn.query("SELECT pg_sleep(0.02)")
                        inUse.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inUse.withLockedValue { $0.max } == 2)
        let backends = try await pool.withConnection { conn in
            try conn.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()")
                .first!.decode("n", as: Int.self)
        }
        #expect(backends <= 2)
        await pool.shutdown()
    }

    @Test("connections killed by the server are detected and replaced")
    func recoversFromTerminatedBackends() async throws {
        let url = try TestDatabase.create()
        let pool = PGPool(conninfo: url, size: 2)
        let before: Int = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS p").first!.decode("p") }
        // What a server restart does to every session: terminate them all.
        let admin = try PGConnection(conninfo: try TestDatabase.adminURL())
        let dbName = String(url.split(separator: "/").last!)
        try admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [dbName])
        try await Task.sleep(for: .milliseconds(100))
        let after: Int = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS p").first!.decode("p") }
        #expect(after != before)
        // And transactions work again too.
        let one: Int = try await pool.transaction { try $0.query("SELECT 1 AS one").first!.decode("one") }
        #expect(one == 1)
        await pool.shutdown()
    }

    @Test("an unreachable server is a connection error, not a hang")
    func unreachable() async throws {
        let pool = PGPool(conninfo: "postgresql://anpei@127.0.0.1:1/nothing?connect_timeout=2", size: 1)
        await #expect {
            try await pool.withConnection { try $0.query("SELECT 1") }
        } throws: { error in
            if case StoreError.connection = error { return true }
            return false
        }
        await pool.shutdown()
    }
}
