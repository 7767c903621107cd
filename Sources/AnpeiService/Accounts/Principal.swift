import AnpeiDomain
import Foundation

/// An authenticated caller. Every service method takes one; the scope in it
/// is what the method checks before touching data.
public struct Principal: Sendable, Equatable {
    public let userID: UUID
    public let username: String
    public let role: Role
    public let scope: Scope
    /// Digest of the token this request came with (nil for server-side CLI use).
    public let tokenDigest: [UInt8]?

    public init(userID: UUID, username: String, role: Role, scope: Scope, tokenDigest: [UInt8]?) {
        self.userID = userID
        self.username = username
        self.role = role
        self.scope = scope
        self.tokenDigest = tokenDigest
    }

    /// The built-in actor for server-side commands run by an operator with
    /// database access (`anpei admin …`): it acts as an administrator and is
    /// recorded in the audit log as "system:<os user>".
    public static func system(operator name: String) -> Principal {
        Principal(
            userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            username: "system:\(name)", role: .admin, scope: .all, tokenDigest: nil)
    }

    var isSystem: Bool { username.hasPrefix("system:") }
}

/// Where a call came from: carried into the audit log and the logs.
public struct CallContext: Sendable {
    public let principal: Principal
    public let requestID: String

    public init(principal: Principal, requestID: String) {
        self.principal = principal
        self.requestID = requestID
    }
}
