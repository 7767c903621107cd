import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §5: a signed checkpoint of the audit chain's tail detects a
/// truncated log, which the chain alone cannot (a shorter chain is valid).
@Suite("Audit anchors: a signed tail checkpoint detects truncation")
struct AuditAnchorTests {
    @Test("an anchor verifies; dropping the newest rows fails against it though the shorter chain is intact; a forged anchor is refused")
    func truncation() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let anchor = try await services.audit.anchor(fx.admin)
        #expect(anchor.lastRow > 5 && anchor.hash.count == 64)
        let ok = try await services.audit.verify(fx.admin, anchor: anchor)
        #expect(ok.firstBadRow == nil && ok.lastRow == anchor.lastRow)
        // More rows after the anchor are fine.
        _ = try await services.enterprises.create(fx.admin, EnterpriseInput(
            creditCode: Synthetic.creditCode(division: "140825", serial: 77), name: "锚点后企业", regionCode: "140825", sectors: ["commerce"]))
        #expect(try await services.audit.verify(fx.admin, anchor: anchor).firstBadRow == nil)
        // Truncate the tail (as someone with database access could): the chain alone still verifies…
        try await services.pool.withConnection { conn in
            try conn.execute("""
                SET session_replication_role = replica; DELETE FROM audit_log WHERE id >= \(anchor.lastRow - 1);
                SET session_replication_role = DEFAULT;
                """)
        }
        let plain = try await services.audit.verify(fx.admin)
        #expect(plain.firstBadRow == nil)
        // …but not against the anchor.
        let cut = try await services.audit.verify(fx.admin, anchor: anchor)
        #expect(cut.firstBadRow == anchor.lastRow - 1 && cut.reason?.contains("truncated") == true)
        // An anchor signed by another key, or edited, is refused.
        var edited = anchor
        edited.lastRow = 3
        await #expect(throws: ServiceError.self) { try await services.audit.verify(fx.admin, anchor: edited) }
        let other = try TestDatabase.services(configure: { $0.signingKey = SigningKey() })
        await #expect(throws: ServiceError.self) { try await other.audit.verify(fx.admin, anchor: anchor) }
        // Only administrators (and the operator) may anchor.
        await #expect(throws: ServiceError.forbidden) { try await services.audit.anchor(fx.a.regulator) }
    }
}
