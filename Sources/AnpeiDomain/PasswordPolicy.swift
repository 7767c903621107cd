/// Rules a new password must satisfy. Minimum length 10 characters (counted as
/// user-perceived characters, so Chinese passwords count fairly), not equal to
/// the username, and no longer than the hasher accepts without truncation.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int

    public init(minimumLength: Int = 10, maximumLength: Int = 256) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    public func check(password: String, username: String, field: String = "password") -> [FieldError] {
        var errors: [FieldError] = []
        if password.count < minimumLength {
            errors.append(FieldError(
                field: field, code: "password_too_short",
                message: LocalizedText(
                    zh: "密码至少需要\(minimumLength)个字符",
                    en: "password must have at least \(minimumLength) characters")))
        }
        if password.count > maximumLength {
            errors.append(FieldError(
                field: field, code: "password_too_long",
                message: LocalizedText(
                    zh: "密码不能超过\(maximumLength)个字符",
                    en: "password must have at most \(maximumLength) characters")))
        }
        if password.lowercased() == username.lowercased() {
            errors.append(FieldError(
                field: field, code: "password_equals_username",
                message: LocalizedText(zh: "密码不能与用户名相同", en: "password must differ from the username")))
        }
        return errors
    }
}
