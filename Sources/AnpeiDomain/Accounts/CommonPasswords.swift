import Foundation

/// Passwords too common or too trivial to protect an account (issue 9 §8,
/// NIST SP 800-63B §5.1.1.2): those on the shipped list of commonly used and
/// breached passwords, one character repeated, a run of consecutive
/// characters ("1234567890", "abcdefghij"), a keyboard row, or the username
/// with a few digits. No composition rules.
public enum CommonPasswords {
    static let list: Set<Substring> = Set(listText.split(separator: "\n").map { $0.drop(while: { $0 == " " }) })

    public static var count: Int { list.count }

    public static func isCommon(_ password: String, username: String) -> Bool {
        let p = password.lowercased()
        if list.contains(p[...]) { return true }
        let scalars = Array(p.unicodeScalars)
        guard !scalars.isEmpty else { return true }
        // Few distinct characters: "aaaaaaaaaa", "abababababab".
        if Set(scalars).count <= 2 { return true }
        // Runs with a constant step: "1234567890", "9876543210", "abcdefghijk".
        let steps = zip(scalars.dropFirst(), scalars).map { Int($0.value) - Int($1.value) }
        if let s = steps.first, abs(s) == 1, steps.allSatisfy({ $0 == s }) { return true }
        if scalars.count >= 10, "01234567890".contains(p) || "09876543210".contains(p) { return true }
        // Keyboard rows and their repetition: "qwertyuiop", "asdfghjkl;", "1qaz2wsx3edc".
        for row in ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "1qaz2wsx3edc4rfv5tgb", "qazwsxedcrfvtgb"] {
            if row.contains(p) || (row + row).contains(p) { return true }
        }
        // The username (any case) with digits or punctuation around it.
        let user = username.lowercased()
        if !user.isEmpty, p.contains(user) {
            let rest = p.replacingOccurrences(of: user, with: "")
            if rest.unicodeScalars.allSatisfy({ !($0.properties.isAlphabetic) }) && rest.count <= 6 { return true }
        }
        return false
    }
}
