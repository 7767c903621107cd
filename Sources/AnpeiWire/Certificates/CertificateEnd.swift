import AnpeiDomain

public struct CertificateEnd: Codable, Sendable {
    public var date: String
    public var reason: String
    public init(date: String, reason: String) {
        self.date = date
        self.reason = reason
    }
}
