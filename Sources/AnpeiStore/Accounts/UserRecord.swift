import AnpeiDomain
import Foundation

/// A row of `users`.
public struct UserRecord: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    public var regionCode: String?
    public var institutionID: UUID?
    public var enterpriseID: UUID?
    public var personID: UUID?
    public var passwordHash: String
    public var disabled: Bool
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(row: PGRow) throws {
        id = try row.decode("id")
        username = try row.decode("username")
        displayName = try row.decode("display_name")
        let roleText: String = try row.decode("role")
        guard let role = Role(rawValue: roleText) else {
            throw StoreError.decoding(column: "role", message: "unknown role \(roleText)")
        }
        self.role = role
        regionCode = try row.decode("region_code")
        institutionID = try row.decode("institution_id")
        enterpriseID = try row.decode("enterprise_id")
        personID = try row.decode("person_id")
        passwordHash = try row.decode("password_hash")
        disabled = try row.decode("disabled")
        failedLogins = try row.decode("failed_logins")
        lockedUntil = try row.decode("locked_until")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }

    /// The account's scope, derived from its role and scope columns.
    public var scope: Scope {
        switch role {
        case .admin: .all
        case .regulator: regionCode.flatMap(RegionCode.init).map(Scope.region) ?? .region(RegionCode("990000")!)
        case .institution: .institution(institutionID?.uuidString.lowercased() ?? "")
        case .enterprise: .enterprise(enterpriseID?.uuidString.lowercased() ?? "")
        case .worker: .person(personID?.uuidString.lowercased() ?? "")
        }
    }
}

/// Fields for a new user.
public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var regionCode: String?
    public var institutionID: UUID?
    public var enterpriseID: UUID?
    public var personID: UUID?
    public var passwordHash: String

    public init(
        username: String, displayName: String, role: Role, regionCode: String?,
        institutionID: UUID?, enterpriseID: UUID?, personID: UUID? = nil, passwordHash: String
    ) {
        self.personID = personID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.regionCode = regionCode
        self.institutionID = institutionID
        self.enterpriseID = enterpriseID
        self.passwordHash = passwordHash
    }
}
