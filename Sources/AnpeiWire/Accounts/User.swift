import AnpeiDomain
import Foundation

/// What callers may see of an account: never the password hash.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Role
    public var regionCode: String?
    public var institutionId: String?
    public var enterpriseId: String?
    /// Workers: the person the account is.
    public var personId: String?
    public var disabled: Bool
    public var lockedUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, username: String, displayName: String, role: Role, regionCode: String?, institutionId: String?,
                enterpriseId: String?, personId: String? = nil, disabled: Bool, lockedUntil: Date?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.regionCode = regionCode
        self.institutionId = institutionId
        self.enterpriseId = enterpriseId
        self.personId = personId
        self.disabled = disabled
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
