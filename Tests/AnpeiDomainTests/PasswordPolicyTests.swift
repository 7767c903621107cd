import AnpeiDomain
import Testing

@Suite("Password policy and usernames")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("minimum length 10, counted in characters")
    func length() {
        #expect(policy.check(password: "123456789", username: "u").map(\.code) == ["password_too_short"])
        #expect(policy.check(password: "7yq-lamp-k2", username: "u").isEmpty)
        // Ten Chinese characters are ten characters, not thirty bytes.
        #expect(policy.check(password: "安全生产治本攻坚三年", username: "u").isEmpty)
        #expect(policy.check(password: "安全生产治本攻坚三", username: "u").map(\.code) == ["password_too_short"])
        #expect(policy.check(password: String(repeating: "a", count: 257), username: "u").map(\.code) == ["password_too_long"])
    }

    @Test("not equal to the username, whatever the case")
    func notUsername() {
        #expect(policy.check(password: "Zhangsan2026", username: "zhangsan2026").map(\.code) == ["password_equals_username"])
        #expect(policy.check(password: "zhangsan2026!", username: "zhangsan2026").map(\.code) == ["password_too_common"])
        #expect(policy.check(password: "river-tulip-93", username: "zhangsan2026").isEmpty)
    }

    // Issue 9 §8 (NIST SP 800-63B §5.1.1.2): common and trivial passwords are
    // refused, without composition rules.
    @Test("common and trivial passwords are refused", arguments: [
        "aaaaaaaaaa", "1234567890", "0987654321", "abcdefghijk", "qwertyuiop", "1qaz2wsx3edc", "ababababab",
        "password123", "PASSWORD123", "iloveyou12", "woaini1314", "admin12345", "1111111111",
    ])
    func common(password: String) {
        #expect(policy.check(password: password, username: "admin").map(\.code) == ["password_too_common"], "\(password)")
    }

    @Test("ordinary passphrases pass, Chinese ones too", arguments: [
        "correct horse battery", "安全生产治本攻坚三年", "Xinjiang-yjj-7-lamp", "tulip.river.93",
    ])
    func ordinary(password: String) {
        #expect(policy.check(password: password, username: "admin").isEmpty, "\(password)")
    }

    @Test("the shipped list is loaded")
    func listLoaded() {
        #expect(CommonPasswords.count > 2_000)
    }

    // Issue 9 §10: look-alike usernames normalise to one form; separators at the ends are refused.
    @Test("usernames are NFKC-normalised and case-folded")
    func normalised() {
        #expect(Username.normalize("ＡＤＭＩＮ") == "admin")
        #expect(Username.normalize("Admin") == "admin")
        #expect(Username.check("ａｄｍｉｎ").isEmpty)
        #expect(Username.check("admin.").map(\.code) == ["username_separator_at_end"])
        #expect(Username.check("admin-").map(\.code) == ["username_separator_at_end"])
        #expect(Username.check(".admin").map(\.code) == ["username_separator_at_end"])
        #expect(Username.check("admin\u{0}xyz").map(\.code) == ["invalid_username"])
    }

    @Test("usernames", arguments: [("admin", true), ("li.si@xj", true), ("ab", false), ("张三", false), ("a b c", false),
                                    (String(repeating: "a", count: 65), false)])
    func usernames(name: String, ok: Bool) {
        #expect(Username.check(name).isEmpty == ok)
    }
}
