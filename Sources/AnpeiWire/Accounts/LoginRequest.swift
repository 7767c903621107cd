import Foundation

/// `POST /v1/auth/login`.
public struct LoginRequest: Codable, Sendable {
    public var username: String
    public var password: String
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
