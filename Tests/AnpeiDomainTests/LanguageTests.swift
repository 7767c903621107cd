import AnpeiDomain
import Testing

@Suite("Language negotiation")
struct LanguageTests {
    @Test("Chinese by default, English on request", arguments: [
        (nil, Language.zh), ("", .zh), ("en", .en), ("en-US,en;q=0.9", .en), ("zh-CN,en;q=0.8", .zh),
        ("fr, en;q=0.5", .en), ("de", .zh),
    ] as [(String?, Language)])
    func negotiate(header: String?, expected: Language) {
        #expect(Language.negotiate(header) == expected)
    }
}
