import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("Audit log: append-only and hash-chained")
struct AuditChainTests {
    func entry(_ n: Int) throws -> AuditEntry {
        AuditEntry(
            actorID: UUID(), actorName: "tester", action: "test.action", entityType: "thing", entityID: "\(n)",
            requestID: "req-\(n)", change: try PGJSON(encoding: ["n": n]))
    }

    @Test("a clean chain verifies; a superuser's edit is found at its row")
    func tamper() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let audit = AuditRepository(conn)
        for n in 1...5 { try audit.append(try entry(n)) }
        let clean = try audit.verify()
        #expect(clean == .init(rowsChecked: 5, firstBadRow: nil, reason: nil))

        // A superuser can bypass the triggers; the chain still tells.
        try conn.execute("""
            SET session_replication_role = replica;
            UPDATE audit_log SET change = '{"n": 999}' WHERE id = 3;
            SET session_replication_role = DEFAULT;
            """)
        let broken = try audit.verify()
        #expect(broken.firstBadRow == 3)
        #expect(broken.rowsChecked == 2)
    }

    @Test("a deleted row is found too")
    func deletion() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        let audit = AuditRepository(conn)
        for n in 1...4 { try audit.append(try entry(n)) }
        try conn.execute("SET session_replication_role = replica; DELETE FROM audit_log WHERE id = 2; SET session_replication_role = DEFAULT;")
        #expect(try audit.verify().firstBadRow == 3)
    }

    @Test("UPDATE, DELETE and TRUNCATE are rejected by the database")
    func appendOnly() throws {
        let conn = try PGConnection(conninfo: try TestDatabase.create())
        try AuditRepository(conn).append(try entry(1))
        for sql in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            #expect(throws: StoreError.self) { try conn.execute(sql) }
        }
        #expect(try AuditRepository(conn).verify().rowsChecked == 1)
    }

    @Test("concurrent writers extend one unbroken chain")
    func concurrentWriters() async throws {
        let pool = try TestDatabase.pool(size: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<40 {
                group.addTask {
                    _ = try await pool.transaction { conn in
                        try AuditRepository(conn).append(try entry(n))
                    }
                }
            }
            try await group.waitForAll()
        }
        let result = try await pool.withConnection { try AuditRepository($0).verify() }
        #expect(result == .init(rowsChecked: 40, firstBadRow: nil, reason: nil))
        await pool.shutdown()
    }

    @Test("a rolled-back write leaves no audit row and no gap")
    func rollbackLeavesNoTrace() async throws {
        let pool = try TestDatabase.pool(size: 2)
        try await pool.transaction { try AuditRepository($0).append(try entry(1)) }
        await #expect(throws: Boom.self) {
            try await pool.transaction { conn in
                try AuditRepository(conn).append(try entry(2))
                throw Boom()
            }
        }
        try await pool.transaction { try AuditRepository($0).append(try entry(3)) }
        let result = try await pool.withConnection { try AuditRepository($0).verify() }
        #expect(result == .init(rowsChecked: 2, firstBadRow: nil, reason: nil))
        await pool.shutdown()
    }
}
