import AnpeiStore
import AnpeiTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

struct Boom: Error {}

@Suite("Transactions, SQLSTATE mapping and retries")
struct TransactionTests {
    @Test("a throwing body rolls back; a returning one commits")
    func rollback() async throws {
        let pool = try TestDatabase.pool()
        try await pool.withConnection { try $0.execute("CREATE TABLE t (v int PRIMARY KEY)") }
        await #expect(throws: Boom.self) {
            try await pool.transaction { conn in
                try conn.query("INSERT INTO t VALUES ($1)", [1])
                throw Boom()
            }
        }
        try await pool.transaction { conn in try conn.query("INSERT INTO t VALUES ($1)", [2]) }
        let values = try await pool.withConnection { conn in
            try conn.query("SELECT v FROM t ORDER BY v").rows.map { try $0.decode("v", as: Int.self) }
        }
        #expect(values == [2])
        await pool.shutdown()
    }

    @Test("unique, foreign-key and check violations become typed errors")
    func sqlstates() async throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        try conn.execute("""
            CREATE TABLE p (id int PRIMARY KEY);
            CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p (id), n int CONSTRAINT n_positive CHECK (n > 0));
            INSERT INTO p VALUES (1);
            """)
        try conn.query("INSERT INTO c VALUES ($1, $2, $3)", [1, 1, 1])
        do {
            try conn.query("INSERT INTO c VALUES ($1, $2, $3)", [1, 1, 1])
            Issue.record("expected a conflict")
        } catch StoreError.conflict(let constraint, _) {
            #expect(constraint == "c_pkey")
        }
        do {
            try conn.query("INSERT INTO c VALUES ($1, $2, $3)", [2, 99, 1])
            Issue.record("expected a reference error")
        } catch StoreError.reference(let constraint, _) {
            #expect(constraint == "c_p_fkey")
        }
        do {
            try conn.query("INSERT INTO c VALUES ($1, $2, $3)", [3, 1, -5])
            Issue.record("expected a validation error")
        } catch StoreError.validation(let constraint, let sqlstate, _) {
            #expect(constraint == "n_positive")
            #expect(sqlstate == "23514")
        }
        // The connection stays usable after errors.
        #expect(conn.isUsable)
        #expect(try conn.query("SELECT count(*) AS n FROM c").first!.decode("n", as: Int.self) == 1)
    }

    @Test("serialization failures are retried a bounded number of times")
    func serializationRetry() async throws {
        let pool = try TestDatabase.pool(size: 2)
        try await pool.withConnection { try $0.execute("CREATE TABLE ledger (who text, total int)") }
        let attempts = NIOLockedValueBox(0)
        let bothRead = DispatchGroup()
        bothRead.enter()
        bothRead.enter()
        // Two SERIALIZABLE transactions each read the sum, then insert it:
        // a write skew that PostgreSQL must refuse for one of them.
        @Sendable func run(_ who: String) async throws {
            try await pool.transaction(isolation: .serializable) { conn in
                let n = attempts.withLockedValue { $0 += 1; return $0 }
                let total: Int = try conn.query("SELECT coalesce(sum(total), 0)::int AS s FROM ledger").first!.decode("s")
                if n <= 2 {
                    bothRead.leave()
                    bothRead.wait()  // both have read before either writes
                }
                try conn.query("INSERT INTO ledger VALUES ($1, $2)", [who, total + 1])
            }
        }
        async let a: Void = run("a")
        async let b: Void = run("b")
        _ = try await (a, b)
        #expect(attempts.withLockedValue { $0 } == 3)
        let count = try await pool.withConnection { try $0.query("SELECT count(*) AS n FROM ledger").first!.decode("n", as: Int.self) }
        #expect(count == 2)

        // With no retries left the failure surfaces as a typed error.
        let always = NIOLockedValueBox(0)
        await #expect(throws: StoreError.self) {
            try await pool.transaction(maxAttempts: 2) { conn in
                always.withLockedValue { $0 += 1 }
                try conn.execute("DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'serialization_failure'; END $$")
            }
        }
        #expect(always.withLockedValue { $0 } == 2)
        await pool.shutdown()
    }
}
