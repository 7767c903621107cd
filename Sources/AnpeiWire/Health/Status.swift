/// `/healthz` and `/readyz`.
public struct Status: Codable, Sendable {
    public var status: String
    public init(status: String) { self.status = status }
}
