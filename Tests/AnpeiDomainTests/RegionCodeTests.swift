import AnpeiDomain
import Testing

/// R-REGION: 6-digit GB/T 2260 codes and 9-digit township codes.
@Suite("R-REGION division codes")
struct RegionCodeTests {
    @Test("levels", arguments: [
        ("140000", RegionCode.Level.province),
        ("140800", .prefecture),
        ("140825", .county),
        ("140825100", .township),
        ("441900003", .township),  // 东莞市 has no counties: its towns sit under the prefecture (issue 11 §1)
        ("540000", .province),
        ("310118", .county),
    ])
    func levels(code: String, level: RegionCode.Level) throws {
        #expect(try #require(RegionCode(code)).level == level)
    }

    @Test("malformed codes are refused", arguments: ["", "14000", "1400000", "14080a", "000000", "001234567", "１４００００", "14 000"])
    func malformed(code: String) {
        #expect(RegionCode(code) == nil)
    }

    @Test("containment follows the hierarchy")
    func containment() throws {
        let shanxi = try #require(RegionCode("140000"))
        let yuncheng = try #require(RegionCode("140800"))
        let xinjiang = try #require(RegionCode("140825"))
        let town = try #require(RegionCode("140825100"))
        let lvliang = try #require(RegionCode("141100"))
        let shanghai = try #require(RegionCode("310000"))
        #expect(shanxi.contains(yuncheng) && shanxi.contains(xinjiang) && shanxi.contains(town))
        #expect(yuncheng.contains(xinjiang) && yuncheng.contains(town))
        #expect(xinjiang.contains(town) && xinjiang.contains(xinjiang))
        #expect(!yuncheng.contains(lvliang))
        #expect(!xinjiang.contains(yuncheng))
        #expect(!town.contains(xinjiang))
        #expect(!shanxi.contains(shanghai))
        // A sibling county sharing the first digits is not inside.
        #expect(!xinjiang.contains(try #require(RegionCode("140826"))))
    }
}
