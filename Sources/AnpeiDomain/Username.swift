/// Usernames: 3–64 characters of letters, digits, '.', '_', '-' or '@'.
/// Compared case-insensitively (the store keeps a lower-case unique index).
public enum Username {
    public static func check(_ name: String, field: String = "username") -> [FieldError] {
        let allowed = name.unicodeScalars.allSatisfy { s in
            (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A)
                || (s.value >= 0x61 && s.value <= 0x7A) || ".-_@".unicodeScalars.contains(s)
        }
        if name.count < 3 || name.count > 64 || !allowed {
            return [FieldError(
                field: field, code: "invalid_username",
                message: LocalizedText(
                    zh: "用户名须为3至64位字母、数字或 . _ - @",
                    en: "username must be 3-64 letters, digits or . _ - @"))]
        }
        return []
    }
}
