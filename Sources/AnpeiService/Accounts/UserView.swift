import AnpeiDomain
import AnpeiStore
import Foundation

/// What callers may see of an account: never the password hash.
public struct UserView: Codable, Sendable, Equatable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Role
    public var regionCode: String?
    public var institutionId: String?
    public var enterpriseId: String?
    public var disabled: Bool
    public var lockedUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(_ r: UserRecord, now: Date) {
        id = r.id.uuidString.lowercased()
        username = r.username
        displayName = r.displayName
        role = r.role
        regionCode = r.regionCode
        institutionId = r.institutionID?.uuidString.lowercased()
        enterpriseId = r.enterpriseID?.uuidString.lowercased()
        disabled = r.disabled
        lockedUntil = r.lockedUntil.flatMap { $0 > now ? $0 : nil }
        createdAt = r.createdAt
        updatedAt = r.updatedAt
    }
}

