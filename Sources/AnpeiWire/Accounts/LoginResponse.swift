import Foundation

/// A bearer token and the account it signs in.
public struct LoginResponse: Codable, Sendable {
    public var token: String
    public var tokenType: String
    public var expiresAt: Date
    public var user: User
    public init(token: String, tokenType: String, expiresAt: Date, user: User) {
        self.token = token
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.user = user
    }
}
