import AnpeiDomain
import AnpeiStore
import Foundation


extension User {
    /// What callers may see of an account: never the password hash; a lock
    /// only while it lasts.
    init(_ r: UserRecord, now: Date) {
        self.init(
            id: r.id.uuidString.lowercased(), username: r.username, displayName: r.displayName, role: r.role,
            regionCode: r.regionCode, institutionId: r.institutionID?.uuidString.lowercased(),
            enterpriseId: r.enterpriseID?.uuidString.lowercased(), personId: r.personID?.uuidString.lowercased(), disabled: r.disabled,
            lockedUntil: r.lockedUntil.flatMap { $0 > now ? $0 : nil }, createdAt: r.createdAt, updatedAt: r.updatedAt)
    }
}
