import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Crypto
import Foundation
import Testing

/// Creates a user through the service layer as the operator.
func makeUser(
    _ services: Services, _ username: String, password: String = "correct-horse-1", role: String = "admin",
    regionCode: String? = nil
) async throws -> User {
    try await services.users.create(
        CallContext(principal: .system(operator: "test"), requestID: "setup"),
        .init(username: username, displayName: "测试", role: role, regionCode: regionCode, password: password))
}

@Suite("Authentication")
struct AuthServiceTests {
    @Test("login issues a 256-bit opaque token of which only the SHA-256 is stored")
    func tokenStorage() async throws {
        let services = try TestDatabase.services()
        _ = try await makeUser(services, "alice")
        let result = try await services.auth.login(username: "alice", password: "correct-horse-1", requestID: "r1", client: "test")
        #expect(result.token.hasPrefix("anp_"))
        // 32 bytes base64url-encoded without padding: 43 characters.
        #expect(result.token.dropFirst(4).count == 43)
        let stored = try await services.pool.withConnection { conn in
            try conn.query("SELECT token_hash FROM auth_tokens").rows.map { try $0.decode("token_hash", as: PGBytes.self).bytes }
        }
        #expect(stored == [Array(SHA256.hash(data: Data(result.token.utf8)))])
        let principal = try await services.auth.authenticate(token: result.token)
        #expect(principal.username == "alice" && principal.role == .admin && principal.scope == .all)
        // Two logins, two different tokens.
        let again = try await services.auth.login(username: "ALICE", password: "correct-horse-1", requestID: "r2", client: nil)
        #expect(again.token != result.token)
    }

    @Test("unknown user and wrong password fail identically")
    func noUserEnumeration() async throws {
        let services = try TestDatabase.services()
        _ = try await makeUser(services, "bob")
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "bob", password: "wrong-password-1", requestID: "r", client: nil)
        }
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "nobody", password: "wrong-password-1", requestID: "r", client: nil)
        }
        // Unknown users still cost an argon2 verification: the decoy hash has
        // the same parameters as real ones.
        let decoy = try PasswordHasher().hash("x")
        #expect(PasswordHasher.parameters(of: decoy) == .standard)
    }

    @Test("five consecutive failures lock the account for 15 minutes, even against the right password")
    func lockout() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock)
        _ = try await makeUser(services, "carol")
        for _ in 1...5 {
            await #expect(throws: ServiceError.invalidCredentials) {
                try await services.auth.login(username: "carol", password: "wrong-password-1", requestID: "r", client: nil)
            }
        }
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "carol", password: "correct-horse-1", requestID: "r", client: nil)
        }
        clock.advance(by: 14 * 60)
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "carol", password: "correct-horse-1", requestID: "r", client: nil)
        }
        clock.advance(by: 61)
        let ok = try await services.auth.login(username: "carol", password: "correct-horse-1", requestID: "r", client: nil)
        #expect(ok.user.lockedUntil == nil)
        let actions = try await services.pool.withConnection { conn in
            try conn.query("SELECT action FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id").rows
                .map { try $0.decode("action", as: String.self) }
        }
        #expect(actions == Array(repeating: "auth.login_failed", count: 4) + ["auth.account_locked"]
            + ["auth.login_refused", "auth.login_refused", "auth.login"])
    }

    // Issue 9 §4: a stranger who knows the username locks only their own address.
    @Test("lockout is per client address; the account-wide back-off starts at 20 failures")
    func lockoutPerAddress() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock)
        _ = try await makeUser(services, "official")
        for _ in 1...5 {
            await #expect(throws: ServiceError.invalidCredentials) {
                try await services.auth.login(username: "official", password: "wrong-password-1", requestID: "r", client: nil,
                                              address: "203.0.113.66")
            }
        }
        // The attacker's address is locked, even with the right password…
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "official", password: "correct-horse-1", requestID: "r", client: nil,
                                          address: "203.0.113.66")
        }
        // …the official's is not.
        _ = try await services.auth.login(username: "official", password: "correct-horse-1", requestID: "r", client: nil,
                                          address: "198.51.100.10")
        // Twenty failures from twenty addresses lock the account everywhere, briefly.
        for i in 1...20 {
            _ = try? await services.auth.login(username: "official", password: "wrong-password-1", requestID: "r", client: nil,
                                               address: "192.0.2.\(i)")
        }
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "official", password: "correct-horse-1", requestID: "r", client: nil,
                                          address: "198.51.100.10")
        }
        clock.advance(by: 31)
        _ = try await services.auth.login(username: "official", password: "correct-horse-1", requestID: "r", client: nil,
                                          address: "198.51.100.10")
        // The lockouts are on the account's audit trail, with the address.
        let locked = try await services.pool.withConnection { conn in
            try conn.query("SELECT change->>'client' AS client FROM audit_log WHERE action = 'auth.account_locked' ORDER BY id").rows
                .map { try $0.decode("client", as: String.self) }
        }
        #expect(locked.first == "203.0.113.66")
        #expect(locked.contains("192.0.2.20"))
    }

    @Test("a success in between resets the failure count")
    func resetOnSuccess() async throws {
        let services = try TestDatabase.services()
        _ = try await makeUser(services, "dave")
        for _ in 1...4 {
            _ = try? await services.auth.login(username: "dave", password: "wrong-password-1", requestID: "r", client: nil)
        }
        _ = try await services.auth.login(username: "dave", password: "correct-horse-1", requestID: "r", client: nil)
        for _ in 1...4 {
            _ = try? await services.auth.login(username: "dave", password: "wrong-password-1", requestID: "r", client: nil)
        }
        _ = try await services.auth.login(username: "dave", password: "correct-horse-1", requestID: "r", client: nil)
    }

    @Test("tokens expire after the configured lifetime")
    func expiry() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock) { $0.tokenLifetime = .seconds(3600) }
        _ = try await makeUser(services, "erin")
        let login = try await services.auth.login(username: "erin", password: "correct-horse-1", requestID: "r", client: nil)
        #expect(abs(login.expiresAt.timeIntervalSince(clock.now) - 3600) < 1)
        clock.advance(by: 3599)
        _ = try await services.auth.authenticate(token: login.token)
        clock.advance(by: 2)
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: login.token) }
    }

    @Test("logout revokes that token only")
    func logout() async throws {
        let services = try TestDatabase.services()
        _ = try await makeUser(services, "frank")
        let a = try await services.auth.login(username: "frank", password: "correct-horse-1", requestID: "r", client: nil)
        let b = try await services.auth.login(username: "frank", password: "correct-horse-1", requestID: "r", client: nil)
        let principal = try await services.auth.authenticate(token: a.token)
        try await services.auth.logout(CallContext(principal: principal, requestID: "r"))
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: a.token) }
        _ = try await services.auth.authenticate(token: b.token)
    }

    @Test("changing the password revokes every token of the user")
    func passwordChange() async throws {
        let services = try TestDatabase.services()
        _ = try await makeUser(services, "grace")
        let a = try await services.auth.login(username: "grace", password: "correct-horse-1", requestID: "r", client: nil)
        let b = try await services.auth.login(username: "grace", password: "correct-horse-1", requestID: "r", client: nil)
        let call = CallContext(principal: try await services.auth.authenticate(token: a.token), requestID: "r")

        await #expect(throws: ServiceError.self) {
            try await services.auth.changePassword(call, current: "not-the-password", new: "new-password-22")
        }
        do {
            try await services.auth.changePassword(call, current: "correct-horse-1", new: "short")
            Issue.record("a short password was accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["password_too_short"])
        }
        try await services.auth.changePassword(call, current: "correct-horse-1", new: "new-password-22")
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: a.token) }
        await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: b.token) }
        await #expect(throws: ServiceError.invalidCredentials) {
            try await services.auth.login(username: "grace", password: "correct-horse-1", requestID: "r", client: nil)
        }
        _ = try await services.auth.login(username: "grace", password: "new-password-22", requestID: "r", client: nil)
    }

    @Test("a hash made with weaker parameters is upgraded at the next successful login")
    func rehash() async throws {
        let services = try TestDatabase.services()
        let user = try await makeUser(services, "heidi")
        let weak = try PasswordHasher(parameters: .init(memoryKiB: 4096, iterations: 1, parallelism: 1)).hash("correct-horse-1")
        try await services.pool.withConnection { conn in
            try conn.query("UPDATE users SET password_hash = $1 WHERE id = $2::uuid", [weak, user.id])
        }
        _ = try await services.auth.login(username: "heidi", password: "correct-horse-1", requestID: "r", client: nil)
        let stored: String = try await services.pool.withConnection { conn in
            try conn.query("SELECT password_hash FROM users WHERE id = $1::uuid", [user.id]).first!.decode("password_hash")
        }
        #expect(stored != weak)
        #expect(PasswordHasher.parameters(of: stored) == .standard)
        #expect(stored.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        // And it still verifies.
        _ = try await services.auth.login(username: "heidi", password: "correct-horse-1", requestID: "r", client: nil)
    }

    @Test("garbage tokens are refused without a database hit")
    func garbageTokens() async throws {
        let services = try TestDatabase.services()
        for token in ["", "Bearer", "anp_", "anp_" + String(repeating: "A", count: 43), String(repeating: "x", count: 500)] {
            await #expect(throws: ServiceError.unauthenticated) { try await services.auth.authenticate(token: token) }
        }
    }
}
