/// `PUT /v1/users/{id}/password`: `currentPassword` is required when the
/// account is the caller's own.
public struct PasswordReset: Codable, Sendable {
    public var newPassword: String
    public var currentPassword: String?
    public init(newPassword: String, currentPassword: String? = nil) {
        self.newPassword = newPassword
        self.currentPassword = currentPassword
    }
}
