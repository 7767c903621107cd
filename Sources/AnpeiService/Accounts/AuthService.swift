import AnpeiDomain
import AnpeiStore
import Foundation
import Logging

/// Login, token authentication, logout and password change.
public struct AuthService: Sendable {
    let db: UnitOfWork
    let hashing: HashingPool
    let config: ServiceConfig
    /// A hash of a random password, verified against when the username is
    /// unknown so that unknown users cost the same argon2 work as known ones.
    let decoyHash: String

    public init(db: UnitOfWork, hashing: HashingPool, config: ServiceConfig) throws {
        self.db = db
        self.hashing = hashing
        self.config = config
        self.decoyHash = try hashing.hasher.hash(BearerToken.generate())
    }

    public struct LoginResult: Sendable {
        public let token: String
        public let expiresAt: Date
        public let user: User
    }

    private enum Outcome: Sendable {
        case success(expiresAt: Date, user: UserRecord)
        case refused
    }

    /// Checks the password and issues a token. Every failure is reported as
    /// `.invalidCredentials`, whatever the reason. `address` is the client's
    /// IP address: lockouts count per (account, address) (`LoginLockout`).
    public func login(
        username: String, password: String, requestID: String, client: String?, address: String? = nil
    ) async throws -> LoginResult {
        var errors: [FieldError] = []
        if username.isEmpty { errors.append(Self.required("username")) }
        if password.isEmpty { errors.append(Self.required("password")) }
        if !errors.isEmpty { throw ServiceError.validation(errors) }

        let username = Username.normalize(username)
        let found = try await db.read { conn in try UserRepository(conn).find(username: username) }
        // Always pay for one argon2 verification (decoy when unknown).
        let matches = try await hashing.verify(password, against: found?.passwordHash ?? decoyHash)
        guard let found else { throw ServiceError.invalidCredentials }

        let upgradedHash: String? =
            matches && hashing.needsRehash(found.passwordHash) ? try await hashing.hash(password) : nil
        let token = BearerToken.generate()
        let digest = BearerToken.digest(token)
        let now = config.now()
        let lifetime = Double(config.tokenLifetime.components.seconds)
        let lockout = config.lockout
        let clientKey = String((address.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown").prefix(64))

        let outcome: Outcome = try await db.anonymousWrite(requestID: requestID) { conn, audit in
            let users = UserRepository(conn)
            // Re-read under a row lock so concurrent attempts count exactly.
            guard let user = try users.find(id: found.id, forUpdate: true) else { return .refused }
            let actor = (id: Optional(user.id), name: user.username)
            let entityID = user.id.uuidString.lowercased()
            let global = LoginLockout.State(
                failedCount: user.failedLogins, lockedUntil: user.lockedUntil?.timeIntervalSince1970)
            let local = try users.clientLockout(id: user.id, client: clientKey)
            let nowSeconds = now.timeIntervalSince1970
            func refuse(_ reason: String) throws -> Outcome {
                try audit.record(
                    action: "auth.login_refused", entityType: "user", entityID: entityID,
                    change: ["reason": .string(reason), "client": .string(clientKey)], actor: actor)
                return .refused
            }
            if user.disabled { return try refuse("disabled") }
            if lockout.isLocked(local, now: nowSeconds) { return try refuse("locked") }
            if lockout.isLocked(global, now: nowSeconds) { return try refuse("locked_account_wide") }
            // The hash may have changed since it was read (password reset).
            guard matches, user.passwordHash == found.passwordHash else {
                let nextLocal = lockout.afterFailure(local, now: nowSeconds)
                let nextGlobal = lockout.globalAfterFailure(global, now: nowSeconds)
                try users.recordClientFailure(id: user.id, client: clientKey, state: nextLocal, at: nowSeconds)
                try users.recordLoginFailure(id: user.id, state: nextGlobal)
                func iso(_ t: Double) -> AuditValue { .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t))) }
                var change: [String: AuditValue] = [
                    "failedLogins": .int(nextLocal.failedCount), "failedLoginsAllClients": .int(nextGlobal.failedCount),
                    "client": .string(clientKey),
                ]
                if let until = nextLocal.lockedUntil { change["lockedUntil"] = iso(until) }
                if let until = nextGlobal.lockedUntil, nextGlobal.lockedUntil != global.lockedUntil {
                    change["lockedAccountWideUntil"] = iso(until)
                }
                // A lockout is an `auth.account_locked` row on the account: the
                // account's owner and administrators see it in the audit log.
                let locked = nextLocal.lockedUntil != nil || change["lockedAccountWideUntil"] != nil
                try audit.record(
                    action: locked ? "auth.account_locked" : "auth.login_failed",
                    entityType: "user", entityID: entityID, change: change, actor: actor)
                return .refused
            }
            try users.recordLoginSuccess(id: user.id, newHash: upgradedHash)
            let expiresAt = now.addingTimeInterval(lifetime)
            try TokenRepository(conn).insert(hash: digest, userID: user.id, expiresAt: expiresAt, client: client)
            var change: [String: AuditValue] = ["expiresAt": .string(ISO8601DateFormatter().string(from: expiresAt))]
            if upgradedHash != nil { change["passwordHashUpgraded"] = true }
            try audit.record(
                action: "auth.login", entityType: "user", entityID: entityID,
                change: change, actor: actor)
            return .success(expiresAt: expiresAt, user: user)
        }
        switch outcome {
        case .refused:
            throw ServiceError.invalidCredentials
        case .success(let expiresAt, let user):
            return LoginResult(token: token, expiresAt: expiresAt, user: User(user, now: now))
        }
    }

    /// Resolves a bearer token to its principal, or throws `.unauthenticated`.
    public func authenticate(token: String) async throws -> Principal {
        guard token.hasPrefix(BearerToken.prefix), token.count < 200 else { throw ServiceError.unauthenticated }
        let digest = BearerToken.digest(token)
        let now = config.now()
        guard let (user, _) = try await db.read({ conn in try TokenRepository(conn).findUser(hash: digest, now: now) })
        else { throw ServiceError.unauthenticated }
        return Principal(userID: user.id, username: user.username, role: user.role, scope: user.scope, tokenDigest: digest)
    }

    /// Revokes the token the call was made with.
    public func logout(_ call: CallContext) async throws {
        guard let digest = call.principal.tokenDigest else { return }
        try await db.write(call) { conn, audit in
            try TokenRepository(conn).revoke(hash: digest)
            try audit.record(
                action: "auth.logout", entityType: "user",
                entityID: call.principal.userID.uuidString.lowercased(), change: [:])
        }
    }

    /// Changes the caller's own password and revokes all their tokens,
    /// including the one used for this call: they sign in again.
    public func changePassword(_ call: CallContext, current: String, new: String) async throws {
        let principal = call.principal
        let user = try await db.read { conn in try UserRepository(conn).find(id: principal.userID) }
        guard let user else { throw ServiceError.unauthenticated }
        var errors = config.passwordPolicy.check(password: new, username: user.username, field: "newPassword")
        if current == new {
            errors.append(FieldError(
                field: "newPassword", code: "password_unchanged",
                message: LocalizedText(zh: "新密码不能与当前密码相同", en: "the new password must differ from the current one")))
        }
        guard try await hashing.verify(current, against: user.passwordHash) else {
            throw ServiceError.validation([FieldError(
                field: "currentPassword", code: "wrong_password",
                message: LocalizedText(zh: "当前密码不正确", en: "the current password is wrong"))] + errors)
        }
        if !errors.isEmpty { throw ServiceError.validation(errors) }
        let hash = try await hashing.hash(new)
        try await db.write(call) { conn, audit in
            try UserRepository(conn).setPassword(id: user.id, hash: hash)
            let revoked = try TokenRepository(conn).revokeAll(userID: user.id)
            try audit.record(
                action: "user.password_changed", entityType: "user", entityID: user.id.uuidString.lowercased(),
                change: ["revokedTokens": .int(revoked)])
        }
    }

    /// The caller's own account.
    public func me(_ call: CallContext) async throws -> User {
        let id = call.principal.userID
        let now = config.now()
        guard let user = try await db.read({ conn in try UserRepository(conn).find(id: id) }) else {
            throw ServiceError.unauthenticated
        }
        return User(user, now: now)
    }

    static func required(_ field: String) -> FieldError {
        FieldError(field: field, code: "required", message: LocalizedText(zh: "此项必填", en: "required"))
    }
}
