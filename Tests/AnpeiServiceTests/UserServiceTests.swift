import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("User administration and audit")
struct UserServiceTests {
    func adminCall(_ services: Services) async throws -> CallContext {
        _ = try await makeUser(services, "root-admin")
        let login = try await services.auth.login(username: "root-admin", password: "correct-horse-1", requestID: "r", client: nil)
        return CallContext(principal: try await services.auth.authenticate(token: login.token), requestID: "req-42")
    }

    @Test("admins create users; every write appends an audit row with actor and request id")
    func createAudited() async throws {
        let services = try TestDatabase.services()
        let admin = try await adminCall(services)
        let reg = try await services.users.create(admin, .init(
            username: "xj-regulator", displayName: "新绛县应急管理局", role: "regulator", regionCode: "140825",
            password: "regulator-pass-1"))
        #expect(reg.role == .regulator && reg.regionCode == "140825")
        let row = try await services.pool.withConnection { conn in
            try conn.query(
                "SELECT actor_id::text AS actor, actor_name, request_id, change->>'username' AS u, change::text AS c FROM audit_log WHERE action = 'user.created' AND entity_id = $1",
                [reg.id]
            ).first!
        }
        #expect(try row.decode("actor", as: String.self) == admin.principal.userID.uuidString.lowercased())
        #expect(try row.decode("actor_name", as: String.self) == "root-admin")
        #expect(try row.decode("request_id", as: String.self) == "req-42")
        #expect(try row.decode("u", as: String.self) == "xj-regulator")
        // Never the password or its hash.
        let change: String = try row.decode("c")
        #expect(!change.contains("regulator-pass-1") && !change.contains("argon2"))
    }

    @Test("bad input is refused with field errors and nothing is written")
    func validation() async throws {
        let services = try TestDatabase.services()
        let admin = try await adminCall(services)
        let auditBefore = try await services.pool.withConnection { try $0.query("SELECT count(*) AS n FROM audit_log").first!.decode("n", as: Int.self) }
        do {
            _ = try await services.users.create(admin, .init(username: "x", role: "boss", password: "x"))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(Set(errors.map(\.field)) == ["username", "role", "password"])
        }
        // Unknown region: the foreign key answers, mapped to a field error.
        do {
            _ = try await services.users.create(admin, .init(
                username: "ghost", role: "regulator", regionCode: "990100", password: "regulator-pass-1"))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.field) == ["regionCode"])
        }
        // Duplicate username (case-insensitive) is a conflict.
        _ = try await services.users.create(admin, .init(username: "Dup", role: "admin", password: "dup-password-1"))
        await #expect(throws: ServiceError.conflict(code: "username_taken", field: "username",
                                                     message: LocalizedText(zh: "用户名“dup”已被使用", en: "username dup is taken"))) {
            try await services.users.create(admin, .init(username: "dup", role: "admin", password: "dup-password-1"))
        }
        let auditAfter = try await services.pool.withConnection { try $0.query("SELECT count(*) AS n FROM audit_log").first!.decode("n", as: Int.self) }
        #expect(auditAfter == auditBefore + 1)  // only the one successful create
    }

    @Test("disable revokes tokens and blocks login; enable restores it; reset password revokes and unlocks")
    func disableEnableReset() async throws {
        let services = try TestDatabase.services()
        let admin = try await adminCall(services)
        let user = try await makeUser(services, "ivan")
        let token = try await services.auth.login(username: "ivan", password: "correct-horse-1", requestID: "r", client: nil).token
        let id = try #require(UUID(uuidString: user.id))

        let disabled = try await services.users.update(admin, id: id, .init(disabled: true))
        #expect(disabled.disabled)
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: token) }
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "ivan", password: "correct-horse-1", requestID: "r", client: nil)
        }
        _ = try await services.users.update(admin, id: id, .init(disabled: false))
        let token2 = try await services.auth.login(username: "ivan", password: "correct-horse-1", requestID: "r", client: nil).token

        for _ in 1...5 {
            _ = try? await services.auth.login(username: "ivan", password: "wrong-password-1", requestID: "r", client: nil)
        }
        try await services.users.resetPassword(admin, id: id, newPassword: "reset-password-9")
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: token2) }
        _ = try await services.auth.login(username: "ivan", password: "reset-password-9", requestID: "r", client: nil)

        await #expect(throws: ServiceError.validation([FieldError(
            field: "disabled", code: "cannot_disable_self",
            message: LocalizedText(zh: "不能停用自己的账户", en: "you cannot disable your own account"))])) {
            try await services.users.update(admin, id: admin.principal.userID, .init(disabled: true))
        }
        let actions = try await services.pool.withConnection { conn in
            try conn.query("SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'user.%' ORDER BY id", [user.id])
                .rows.map { try $0.decode("action", as: String.self) }
        }
        #expect(actions == ["user.created", "user.disabled", "user.enabled", "user.password_reset"])
        let verify = try await services.audit.verify(admin)
        #expect(verify.firstBadRow == nil && verify.rowsChecked > 5)
    }

    @Test("only administrators manage users", arguments: ["regulator", "institution", "enterprise"])
    func nonAdminsForbidden(role: String) async throws {
        let services = try TestDatabase.services()
        let (regionCode, institutionID, enterpriseID) = try await services.pool.withConnection { conn -> (String?, String?, String?) in
            let inst: String = try conn.query("INSERT INTO institutions (name, region_code, credit_code) VALUES ('机构', '140825', 'Y') RETURNING id::text AS id").first!.decode("id")
            let ent: String = try conn.query("INSERT INTO enterprises (name, region_code, credit_code) VALUES ('企业', '140825', 'X') RETURNING id::text AS id").first!.decode("id")
            switch role {
            case "regulator": return ("140825", nil, nil)
            case "institution": return (nil, inst, nil)
            default: return (nil, nil, ent)
            }
        }
        let system = CallContext(principal: .system(operator: "test"), requestID: "setup")
        let created = try await services.users.create(system, .init(
            username: "tenant", role: role, regionCode: regionCode, institutionId: institutionID, enterpriseId: enterpriseID,
            password: "tenant-password-1"))
        let login = try await services.auth.login(username: "tenant", password: "tenant-password-1", requestID: "r", client: nil)
        let call = CallContext(principal: try await services.auth.authenticate(token: login.token), requestID: "r")
        #expect(call.principal.role.rawValue == role)
        let id = try #require(UUID(uuidString: created.id))
        await #expect(throws: ServiceError.forbidden) { try await services.users.list(call, role: nil, disabled: nil, search: nil, limit: 10, offset: 0) }
        await #expect(throws: ServiceError.forbidden) { try await services.users.get(call, id: id) }
        await #expect(throws: ServiceError.forbidden) { try await services.users.update(call, id: id, .init(displayName: "x")) }
        await #expect(throws: ServiceError.forbidden) { try await services.users.resetPassword(call, id: id, newPassword: "another-pass-1") }
        await #expect(throws: ServiceError.forbidden) {
            try await services.users.create(call, .init(username: "sneaky", role: "admin", password: "sneaky-pass-1"))
        }
        await #expect(throws: ServiceError.forbidden) { try await services.audit.verify(call) }
        // But they can see themselves.
        #expect(try await services.auth.me(call).username == "tenant")
    }

    @Test("listing filters and pages")
    func listing() async throws {
        let services = try TestDatabase.services()
        let admin = try await adminCall(services)
        for i in 0..<7 { _ = try await makeUser(services, "user\(i)") }
        let page = try await services.users.list(admin, role: .admin, disabled: nil, search: "user", limit: 3, offset: 3)
        #expect(page.total == 7)
        #expect(page.items.map(\.username) == ["user3", "user4", "user5"])
        // LIKE wildcards in the search are literal.
        let none = try await services.users.list(admin, role: nil, disabled: nil, search: "u_er", limit: 10, offset: 0)
        #expect(none.total == 0)
        await #expect(throws: ServiceError.self) {
            try await services.users.list(admin, role: nil, disabled: nil, search: nil, limit: 0, offset: 0)
        }
    }
}
