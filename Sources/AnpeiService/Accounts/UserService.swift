import AnpeiDomain
import AnpeiStore
import Foundation

/// Account administration. Only administrators may use it.
public struct UserService: Sendable {
    let db: UnitOfWork
    let hashing: HashingPool
    let config: ServiceConfig

    public init(db: UnitOfWork, hashing: HashingPool, config: ServiceConfig) {
        self.db = db
        self.hashing = hashing
        self.config = config
    }

    public func create(_ call: CallContext, _ input: UserCreate) async throws -> User {
        try requireAdmin(call)
        // Stored in its normalised form (NFKC, case-folded), so look-alikes collide.
        let username = Username.normalize(input.username.trimmingCharacters(in: .whitespaces))
        var errors = Username.check(username)
        var role: Role?
        if let r = Role(rawValue: input.role) {
            role = r
        } else {
            errors.append(FieldError(
                field: "role", code: "invalid_role",
                message: LocalizedText(
                    zh: "角色须为 admin、regulator、institution、enterprise 或 worker",
                    en: "role must be admin, regulator, institution, enterprise or worker")))
        }
        let institutionID = try parseID(input.institutionId, field: "institutionId", into: &errors)
        let enterpriseID = try parseID(input.enterpriseId, field: "enterpriseId", into: &errors)
        let personID = try parseID(input.personId, field: "personId", into: &errors)
        if let role {
            if case .failure(let failure) = Scope.make(
                role: role, regionCode: input.regionCode, institutionID: input.institutionId,
                enterpriseID: input.enterpriseId, personID: input.personId)
            {
                errors += failure.errors.filter { e in !errors.contains { $0.field == e.field } }
            }
        }
        errors += config.passwordPolicy.check(password: input.password, username: username)
        let displayName = input.displayName?.trimmingCharacters(in: .whitespaces) ?? ""
        if displayName.count > 100 {
            errors.append(FieldError(
                field: "displayName", code: "too_long",
                message: LocalizedText(zh: "姓名不能超过100个字符", en: "at most 100 characters")))
        }
        guard errors.isEmpty, let role else { throw ServiceError.validation(errors) }

        let hash = try await hashing.hash(input.password)
        let now = config.now()
        let newUser = NewUser(
            username: username, displayName: displayName, role: role, regionCode: input.regionCode,
            institutionID: institutionID, enterpriseID: enterpriseID, personID: personID, passwordHash: hash)
        do {
            return try await db.write(call) { conn, audit in
                let user = try UserRepository(conn).insert(newUser)
                try audit.record(
                    action: "user.created", entityType: "user", entityID: user.id.uuidString.lowercased(),
                    change: [
                        "username": .string(user.username), "displayName": .string(user.displayName),
                        "role": .string(user.role.rawValue), "regionCode": AuditValue(user.regionCode),
                        "institutionId": AuditValue(user.institutionID?.uuidString.lowercased()),
                        "enterpriseId": AuditValue(user.enterpriseID?.uuidString.lowercased()),
                    ])
                return User(user, now: now)
            }
        } catch let e as StoreError where e.uniqueKey == .username {
            throw ServiceError.conflict(
                code: "username_taken", field: "username",
                message: LocalizedText(zh: "用户名“\(username)”已被使用", en: "username \(username) is taken"))
        } catch StoreError.reference(let constraint, _) {
            let field = switch constraint {
            case "users_region_code_fkey": "regionCode"
            case "users_institution_id_fkey": "institutionId"
            default: "enterpriseId"
            }
            throw ServiceError.validation([FieldError(
                field: field, code: "unknown_reference",
                message: LocalizedText(zh: "引用的记录不存在", en: "no such record"))])
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> User {
        try requireAdmin(call)
        let now = config.now()
        guard let user = try await db.read({ conn in try UserRepository(conn).find(id: id) }) else {
            throw ServiceError.notFound(entity: "user")
        }
        return User(user, now: now)
    }

    public func list(
        _ call: CallContext, role: Role?, disabled: Bool?, search: String?, limit: Int, offset: Int
    ) async throws -> Page<User> {
        try requireAdmin(call)
        var errors: [FieldError] = []
        if !(1...500).contains(limit) {
            errors.append(FieldError(
                field: "limit", code: "out_of_range",
                message: LocalizedText(zh: "每页条数须在1到500之间", en: "limit must be between 1 and 500")))
        }
        if offset < 0 {
            errors.append(FieldError(
                field: "offset", code: "out_of_range",
                message: LocalizedText(zh: "偏移量不能为负数", en: "offset must not be negative")))
        }
        if !errors.isEmpty { throw ServiceError.validation(errors) }
        let now = config.now()
        let (users, total) = try await db.read { conn in
            try UserRepository(conn).list(role: role, disabled: disabled, search: search, limit: limit, offset: offset)
        }
        return Page(items: users.map { User($0, now: now) }, total: total, limit: limit, offset: offset)
    }

    /// Changes the display name and/or disables or re-enables the account.
    /// Disabling revokes every token of that user at once.
    public func update(_ call: CallContext, id: UUID, _ input: UserUpdate) async throws -> User {
        try requireAdmin(call)
        if input.disabled == true, id == call.principal.userID {
            throw ServiceError.validation([FieldError(
                field: "disabled", code: "cannot_disable_self",
                message: LocalizedText(zh: "不能停用自己的账户", en: "you cannot disable your own account"))])
        }
        if let name = input.displayName, name.count > 100 {
            throw ServiceError.validation([FieldError(
                field: "displayName", code: "too_long",
                message: LocalizedText(zh: "姓名不能超过100个字符", en: "at most 100 characters"))])
        }
        let now = config.now()
        return try await db.write(call) { conn, audit in
            let users = UserRepository(conn)
            guard let before = try users.find(id: id, forUpdate: true) else {
                throw ServiceError.notFound(entity: "user")
            }
            guard let after = try users.update(id: id, displayName: input.displayName, disabled: input.disabled) else {
                throw ServiceError.notFound(entity: "user")
            }
            var change: [String: AuditValue] = [:]
            if before.displayName != after.displayName {
                change["displayName"] = .string(after.displayName)
            }
            var action = "user.updated"
            if before.disabled != after.disabled {
                change["disabled"] = .bool(after.disabled)
                action = after.disabled ? "user.disabled" : "user.enabled"
                if after.disabled {
                    change["revokedTokens"] = .int(try TokenRepository(conn).revokeAll(userID: id))
                }
            }
            if !change.isEmpty {
                try audit.record(action: action, entityType: "user", entityID: id.uuidString.lowercased(), change: change)
            }
            return User(after, now: now)
        }
    }

    /// Sets a new password chosen by the administrator, unlocks the account
    /// and revokes the user's tokens. An administrator resetting their own
    /// password must give the current one (issue 9 §8): otherwise a stolen
    /// token becomes a permanent takeover.
    public func resetPassword(_ call: CallContext, id: UUID, newPassword: String, currentPassword: String? = nil) async throws {
        try requireAdmin(call)
        guard let user = try await db.read({ conn in try UserRepository(conn).find(id: id) }) else {
            throw ServiceError.notFound(entity: "user")
        }
        var errors = config.passwordPolicy.check(password: newPassword, username: user.username, field: "newPassword")
        if id == call.principal.userID {
            guard let currentPassword, !currentPassword.isEmpty else {
                throw ServiceError.validation([FieldError(
                    field: "currentPassword", code: "current_password_required",
                    message: LocalizedText(zh: "修改自己的密码须提供当前密码", en: "changing your own password needs the current one"))] + errors)
            }
            guard try await hashing.verify(currentPassword, against: user.passwordHash) else {
                throw ServiceError.validation([FieldError(
                    field: "currentPassword", code: "wrong_password",
                    message: LocalizedText(zh: "当前密码不正确", en: "the current password is wrong"))] + errors)
            }
            if currentPassword == newPassword {
                errors.append(FieldError(
                    field: "newPassword", code: "password_unchanged",
                    message: LocalizedText(zh: "新密码不能与当前密码相同", en: "the new password must differ from the current one")))
            }
        }
        if !errors.isEmpty { throw ServiceError.validation(errors) }
        let hash = try await hashing.hash(newPassword)
        try await db.write(call) { conn, audit in
            try UserRepository(conn).setPassword(id: id, hash: hash)
            let revoked = try TokenRepository(conn).revokeAll(userID: id)
            try audit.record(
                action: "user.password_reset", entityType: "user", entityID: id.uuidString.lowercased(),
                change: ["revokedTokens": .int(revoked)])
        }
    }

    /// Whether any user exists under this name (for idempotent bootstrap).
    public func exists(_ call: CallContext, username: String) async throws -> Bool {
        try requireAdmin(call)
        return try await db.read { conn in try UserRepository(conn).find(username: username) } != nil
    }

    private func requireAdmin(_ call: CallContext) throws {
        guard call.principal.role == .admin, call.principal.scope == .all else { throw ServiceError.forbidden }
    }

    private func parseID(_ raw: String?, field: String, into errors: inout [FieldError]) throws -> UUID? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else {
            errors.append(FieldError(
                field: field, code: "invalid_id",
                message: LocalizedText(zh: "编号格式不正确", en: "not a valid id")))
            return nil
        }
        return id
    }
}
