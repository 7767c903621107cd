import AnpeiDomain
import Testing

/// R-ID (GB 11643-1999). Numbers below are synthetic; their check characters
/// were computed by hand with the weights in DOMAIN.md.
@Suite("R-ID resident identity numbers")
struct ResidentIDTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!

    @Test("the standard's worked example validates, check character X included")
    func valid() throws {
        // 11010519491231002X: the example of GB 11643-1999, female, check X.
        let id = try ResidentID.parse("11010519491231002X", today: today).get()
        #expect(id.birthDate == CivilDate(year: 1949, month: 12, day: 31))
        #expect(id.gender == .female)
        // Lower-case x and surrounding spaces are normalised.
        #expect(try ResidentID.parse(" 11010519491231002x ", today: today).get().value == "11010519491231002X")
        // 140825 新绛县, born 1985-06-15, sequence 123 (odd: male).
        let body = "14082519850615123"
        let male = try ResidentID.parse(body + String(ResidentID.checkCharacter(for: body)), today: today).get()
        #expect(male.gender == .male && male.regionPrefix == "140825")
    }

    @Test("check characters", arguments: [
        ("11010519491231002", "X"), ("44052418800101001", "4"), ("14082519850615123", "5"),
        ("54010219960229004", "7"),
    ])
    func checkCharacters(body: String, expected: String) {
        #expect(String(ResidentID.checkCharacter(for: body)) == expected)
    }

    @Test("leap-day birth dates: 29 February exists only in leap years")
    func leapDays() {
        let leap = "54010219960229004"  // 1996 is a leap year
        #expect((try? ResidentID.parse(leap + "7", today: today).get())?.birthDate == CivilDate(year: 1996, month: 2, day: 29))
        let notLeap = "54010219970229004"
        #expect(ResidentID.parse(notLeap + String(ResidentID.checkCharacter(for: notLeap)), today: today)
            == .failure(.birthDate))
        let century = "54010219000229004"  // 1900 is not a leap year
        #expect(ResidentID.parse(century + String(ResidentID.checkCharacter(for: century)), today: today)
            == .failure(.birthDate))
        let y2000 = "54010220000229004"  // 2000 is
        #expect((try? ResidentID.parse(y2000 + String(ResidentID.checkCharacter(for: y2000)), today: today).get()) != nil)
    }

    @Test("refusals name the problem", arguments: [
        ("", ResidentID.Problem.length),
        ("1101051949123100", .length),
        ("11010519491231002Y", .characters),
        ("1101051949123X002X", .characters),
        ("11010519491231002A", .characters),
        ("00010519491231002X", .region),
        ("99010519491231002X", .region),
        ("11010519491331002X", .birthDate),
        ("11010519490230002X", .birthDate),
        ("11010518991231002X", .birthDate),
        ("110105194912310021", .checkCharacter),
    ])
    func refusals(number: String, problem: ResidentID.Problem) {
        #expect(ResidentID.parse(number, today: today) == .failure(problem))
    }

    @Test("a birth date after today is refused; today itself is fine")
    func future() {
        let tomorrow = "11010520261124001"
        #expect(ResidentID.parse(tomorrow + String(ResidentID.checkCharacter(for: tomorrow)), today: today)
            == .failure(.futureBirthDate))
        let born = "11010520261123001"
        #expect((try? ResidentID.parse(born + String(ResidentID.checkCharacter(for: born)), today: today).get()) != nil)
    }

    @Test("legacy 15-digit numbers convert to 18 digits with century 19")
    func legacy() throws {
        // 110105491231002 → 11010519491231002X (the standard's example).
        let id = try ResidentID.parse("110105491231002", today: today).get()
        #expect(id.value == "11010519491231002X")
        #expect(id.convertedFrom15)
        #expect(id.gender == .female)
        #expect(ResidentID.parse("11010549123100X", today: today) == .failure(.characters))
        #expect(ResidentID.parse("110105490230002", today: today) == .failure(.birthDate))
    }
}

@Suite("Identity documents and masking")
struct IdentityDocumentTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!

    @Test("format checks for other document types", arguments: [
        (DocumentType.passport, "E12345678", true), (.passport, "e1234", true), (.passport, "E1234-5678", false),
        (.hkMacaoPermit, "H12345678", true), (.hkMacaoPermit, "M1234567890", true), (.hkMacaoPermit, "X12345678", false),
        (.taiwanPermit, "12345678", true), (.taiwanPermit, "1234567", false),
        (.foreignPermanentResident, "USA123456789012", true), (.foreignPermanentResident, "911000199001011234", true),
        (.foreignPermanentResident, "US1234567890123", false),
    ])
    func formats(type: DocumentType, number: String, ok: Bool) {
        let result = IdentityDocument.parse(type: type, number: number, today: today)
        if case .success = result { #expect(ok) } else { #expect(!ok) }
    }

    @Test("Chinese and English type names")
    func typeNames() {
        #expect(DocumentType(code: "居民身份证") == .residentID)
        #expect(DocumentType(code: "PASSPORT") == .passport)
        #expect(DocumentType(code: "驾驶证") == nil)
    }

    @Test("masking keeps region and last four of an 18-character number")
    func masking() {
        #expect(IdentityDocument.mask("140102198506151234") == "140102********1234")
        #expect(IdentityDocument.mask("E12345678") == "E1*****78")
        #expect(IdentityDocument.mask("1234") == "****")
    }
}
