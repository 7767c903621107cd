import AnpeiDomain
import Testing

@Suite("Registry rules")
struct RegistryRuleTests {
    @Test("R-EMP-2: no dispatched workers underground or in surface-hazardous posts of mines", arguments: [
        (true, EmploymentType.dispatched, true, false),
        (true, .dispatched, false, true),
        (true, .regular, true, true),
        (true, .outsourced, true, true),
        (true, .flexible, true, true),
        (false, .dispatched, true, true),
    ])
    func emp2(mining: Bool, type: EmploymentType, hazardous: Bool, allowed: Bool) {
        let error = EmploymentRules.check(enterpriseIsMining: mining, type: type, hazardousPost: hazardous)
        #expect((error == nil) == allowed)
        if let error { #expect(error.code == "dispatched_in_mining_hazardous_post" && error.field == "employmentType") }
    }

    @Test("R-INST-1: cleared-out institutions and overdue rectification may not act")
    func inst1() {
        let deadline = CivilDate(year: 2024, month: 7, day: 1)!
        #expect(InstitutionStatus.mayAct(status: .conforming, deadline: nil, today: CivilDate(year: 2025, month: 1, day: 1)!))
        #expect(InstitutionStatus.mayAct(status: .rectifying, deadline: deadline, today: CivilDate(year: 2024, month: 6, day: 30)!))
        #expect(InstitutionStatus.mayAct(status: .rectifying, deadline: deadline, today: deadline))
        #expect(!InstitutionStatus.mayAct(status: .rectifying, deadline: deadline, today: CivilDate(year: 2024, month: 7, day: 2)!))
        #expect(!InstitutionStatus.mayAct(status: .clearedOut, deadline: nil, today: CivilDate(year: 2024, month: 1, day: 1)!))
    }

    @Test("high risk follows the sectors unless overridden")
    func highRisk() {
        #expect(HighRisk.derive(sectorFlags: [false, true], override: nil))
        #expect(!HighRisk.derive(sectorFlags: [false], override: nil))
        #expect(!HighRisk.derive(sectorFlags: [true], override: false))
        #expect(HighRisk.derive(sectorFlags: [], override: true))
    }

    @Test("CSV codes: Chinese names and English codes")
    func codes() {
        #expect(EmploymentRole(code: "主要负责人") == .principal)
        #expect(EmploymentRole(code: "special_operations") == .specialOperations)
        #expect(EmploymentRole(code: "厂长") == nil)
        #expect(EmploymentType(code: "劳务派遣") == .dispatched)
        #expect(EmploymentType(code: "正式") == .regular)
    }
}

@Suite("Phone format: one rule for endpoints and imports")
struct PhoneFormatTests {
    @Test("valid and invalid numbers", arguments: [
        ("13800000000", true), ("+86 138-0000-0000", true), ("0359-1234567", true), ("12345", true),
        ("1234", false), ("abc12345", false), ("138000000001234567890", false), ("-1380000000", false), ("", false),
    ])
    func phones(text: String, ok: Bool) {
        #expect(PhoneFormat.valid(text) == ok)
    }
}
