import AnpeiDomain
import Testing

@Suite("Password policy and usernames")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("minimum length 10, counted in characters")
    func length() {
        #expect(policy.check(password: "123456789", username: "u").map(\.code) == ["password_too_short"])
        #expect(policy.check(password: "1234567890", username: "u").isEmpty)
        // Ten Chinese characters are ten characters, not thirty bytes.
        #expect(policy.check(password: "安全生产治本攻坚三年", username: "u").isEmpty)
        #expect(policy.check(password: "安全生产治本攻坚三", username: "u").map(\.code) == ["password_too_short"])
        #expect(policy.check(password: String(repeating: "a", count: 257), username: "u").map(\.code) == ["password_too_long"])
    }

    @Test("not equal to the username, whatever the case")
    func notUsername() {
        #expect(policy.check(password: "Zhangsan2026", username: "zhangsan2026").map(\.code) == ["password_equals_username"])
        #expect(policy.check(password: "zhangsan2026!", username: "zhangsan2026").isEmpty)
    }

    @Test("usernames", arguments: [("admin", true), ("li.si@xj", true), ("ab", false), ("张三", false), ("a b c", false),
                                    (String(repeating: "a", count: 65), false)])
    func usernames(name: String, ok: Bool) {
        #expect(Username.check(name).isEmpty == ok)
    }
}
