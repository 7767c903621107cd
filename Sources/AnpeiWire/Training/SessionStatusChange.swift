/// `POST /v1/sessions/{id}/status`: registered → in_progress → completed, or
/// cancelled with a reason.
public struct SessionStatusChange: Codable, Sendable {
    public var status: String
    public var reason: String?
    public init(status: String, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}
