import Foundation

/// Who an audit row names: the user (nil for operators acting server-side as
/// `system:<name>`), the name shown, and the request that did it.
public struct AuditActor: Sendable {
    public var id: UUID?
    public var name: String
    public var requestID: String?
    public init(id: UUID?, name: String, requestID: String?) {
        self.id = id
        self.name = name
        self.requestID = requestID
    }
}
