import AnpeiDomain
import Testing

/// R-USCC (GB 32100-2015).
@Suite("R-USCC unified social credit codes")
struct CreditCodeTests {
    @Test("published codes validate", arguments: [
        "91350100M000100Y43",  // the standard's example (check character 3)
        "91110000802100433B",
        "911100001000044477",
    ])
    func valid(code: String) throws {
        let parsed = try CreditCode.parse(code).get()
        #expect(parsed.value == code)
    }

    @Test("check character computed from the first 17")
    func check() {
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
        // A computed code round-trips for a 新绛县 registration (division 140825).
        let body = "92140825MA0K12345"
        let full = body + String(CreditCode.checkCharacter(for: body))
        #expect((try? CreditCode.parse(full).get())?.divisionCode == "140825")
    }

    @Test("refusals name the problem", arguments: [
        ("91350100M000100Y4", CreditCode.Problem.length),
        ("91350100M000100Y433", .length),
        ("91350100M000100YI3", .characters),   // I is not used
        ("91350100M0O0100Y43", .characters),   // O is not used
        ("913A0100M000100Y43", .division),
        ("91350100M000100Y44", .checkCharacter),
    ])
    func refusals(code: String, problem: CreditCode.Problem) {
        #expect(CreditCode.parse(code) == .failure(problem))
    }

    @Test("lower case is normalised")
    func lowercase() {
        #expect((try? CreditCode.parse("91350100m000100y43").get())?.value == "91350100M000100Y43")
    }
}

@Suite("Civil dates")
struct CivilDateTests {
    @Test("month arithmetic clamps to month ends")
    func months() {
        let jan31 = CivilDate(year: 2024, month: 1, day: 31)!
        #expect(jan31.adding(months: 1) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(year: 2024, month: 2, day: 29)!.adding(years: 6) == CivilDate(year: 2030, month: 2, day: 28))
        #expect(CivilDate(year: 2024, month: 2, day: 29)!.adding(years: 4) == CivilDate(year: 2028, month: 2, day: 29))
        #expect(CivilDate(year: 2026, month: 3, day: 1)!.adding(days: -1) == CivilDate(year: 2026, month: 2, day: 28))
    }

    @Test("today is taken in Asia/Shanghai")
    func shanghai() {
        // 2026-11-22T16:30:00Z is already 2026-11-23 00:30 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_795_365_000)
        #expect(CivilDate.today(at: instant) == CivilDate(year: 2026, month: 11, day: 23))
    }

    @Test("day counts round-trip across centuries")
    func roundTrip() {
        for days in stride(from: -100_000, to: 100_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    }
}

import Foundation
