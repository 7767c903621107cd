/// Rules a new password must satisfy. Minimum length 10 characters (counted as
/// user-perceived characters, so Chinese passwords count fairly), not equal to
/// the username, not common or trivial (`CommonPasswords`), and no longer than
/// the hasher accepts without truncation.
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
        } else if errors.isEmpty, CommonPasswords.isCommon(password, username: username) {
            // NIST SP 800-63B: refuse known and trivial passwords, no composition rules.
            errors.append(FieldError(
                field: field, code: "password_too_common",
                message: LocalizedText(
                    zh: "密码过于常见或简单（如重复字符、连续数字、键盘序列或含用户名），请换一个",
                    en: "password is too common or trivial (repeated characters, sequences, keyboard rows or the username)")))
        }
        return errors
    }
}
