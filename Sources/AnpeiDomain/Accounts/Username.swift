import Foundation

/// Usernames: 3–64 characters of letters, digits, '.', '_', '-' or '@', after
/// normalisation. Look-alikes must not make two accounts (issue 9 §10): a name
/// is NFKC-normalised (full-width "ａｄｍｉｎ" becomes "admin") and case-folded
/// before it is checked, stored or compared, and may not start or end with a
/// separator ("admin." and "admin" would read the same in a list).
public enum Username {
    /// The one form a username is stored, compared and logged in under.
    public static func normalize(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Checks the normalised form of `name`.
    public static func check(_ name: String, field: String = "username") -> [FieldError] {
        let n = normalize(name)
        let allowed = n.unicodeScalars.allSatisfy { s in
            (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x61 && s.value <= 0x7A) || ".-_@".unicodeScalars.contains(s)
        }
        if n.count < 3 || n.count > 64 || !allowed {
            return [FieldError(
                field: field, code: "invalid_username",
                message: LocalizedText(
                    zh: "用户名须为3至64位字母、数字或 . _ - @",
                    en: "username must be 3-64 letters, digits or . _ - @"))]
        }
        let separators: Set<Character> = [".", "-", "_", "@"]
        if let f = n.first, let l = n.last, separators.contains(f) || separators.contains(l) {
            return [FieldError(
                field: field, code: "username_separator_at_end",
                message: LocalizedText(
                    zh: "用户名不能以 . _ - @ 开头或结尾", en: "username must not start or end with . _ - @"))]
        }
        return []
    }
}
