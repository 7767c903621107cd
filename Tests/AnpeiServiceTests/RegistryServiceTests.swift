import AnpeiDomain
@testable import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("Registry: enterprises, people, employment, institutions")
struct RegistryServiceTests {
    @Test("each role sees its own tenant and gets 404 for the other's records")
    func tenantIsolation() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let aEnt = try #require(UUID(uuidString: fx.a.enterprise.id))
        let bEnt = try #require(UUID(uuidString: fx.b.enterprise.id))
        let aPerson = try #require(UUID(uuidString: fx.a.person.id))
        let bPerson = try #require(UUID(uuidString: fx.b.person.id))
        let aInst = try #require(UUID(uuidString: fx.a.institution.id))
        let bInst = try #require(UUID(uuidString: fx.b.institution.id))

        // Regulator A: region 140825 only.
        _ = try await services.enterprises.get(fx.a.regulator, id: aEnt)
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.enterprises.get(fx.a.regulator, id: bEnt) }
        _ = try await services.people.get(fx.a.regulator, id: aPerson)
        await #expect(throws: ServiceError.notFound(entity: "person")) { try await services.people.get(fx.a.regulator, id: bPerson) }
        _ = try await services.institutions.get(fx.a.regulator, id: aInst)
        await #expect(throws: ServiceError.notFound(entity: "institution")) { try await services.institutions.get(fx.a.regulator, id: bInst) }
        #expect(try await services.enterprises.list(fx.a.regulator, EnterpriseQuery()).items.map(\.id) == [fx.a.enterprise.id])
        #expect(try await services.people.list(fx.a.regulator, PersonQuery()).items.map(\.id) == [fx.a.person.id])
        #expect(try await services.institutions.list(fx.a.regulator, InstitutionQuery()).items.map(\.id) == [fx.a.institution.id])

        // Enterprise user A: its own enterprise and staff; no institutions.
        _ = try await services.enterprises.get(fx.a.enterpriseUser, id: aEnt)
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.enterprises.get(fx.a.enterpriseUser, id: bEnt) }
        await #expect(throws: ServiceError.notFound(entity: "person")) { try await services.people.get(fx.a.enterpriseUser, id: bPerson) }
        await #expect(throws: ServiceError.notFound(entity: "institution")) { try await services.institutions.get(fx.a.enterpriseUser, id: aInst) }
        #expect(try await services.people.list(fx.a.enterpriseUser, PersonQuery()).total == 1)
        #expect(try await services.institutions.list(fx.a.enterpriseUser, InstitutionQuery()).total == 0)

        // Institution user A: its own institution only; no enterprises or people.
        _ = try await services.institutions.get(fx.a.institutionUser, id: aInst)
        await #expect(throws: ServiceError.notFound(entity: "institution")) { try await services.institutions.get(fx.a.institutionUser, id: bInst) }
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.enterprises.get(fx.a.institutionUser, id: aEnt) }
        await #expect(throws: ServiceError.notFound(entity: "person")) { try await services.people.get(fx.a.institutionUser, id: aPerson) }
        #expect(try await services.enterprises.list(fx.a.institutionUser, EnterpriseQuery()).total == 0)
        #expect(try await services.people.list(fx.a.institutionUser, PersonQuery()).total == 0)

        // Writes across tenants: 404 when invisible, 403 when visible but not theirs to change.
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.enterprises.update(fx.b.enterpriseUser, id: aEnt, EnterprisePatch())
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.enterprises.update(fx.a.enterpriseUser, id: aEnt, EnterprisePatch())
        }
        await #expect(throws: ServiceError.notFound(entity: "person")) {
            try await services.people.update(fx.b.enterpriseUser, id: aPerson, .init(name: "篡改"))
        }
        // A regulator of the person's region corrects identity only with a reason (issue 9 §1).
        await #expect(throws: ServiceError.self) {
            try await services.people.update(fx.a.regulator, id: aPerson, .init(name: "篡改"))
        }
        await #expect(throws: ServiceError.forbidden) {
            // Enterprise B may not register staff for enterprise A.
            try await services.people.create(fx.b.enterpriseUser, .init(
                documentNumber: Synthetic.residentID(region: "310118", birth: "1990-05-05", sequence: 77), name: "某人",
                employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: [.employee], employmentType: .regular,
                                            post: nil, hazardousPost: nil, startDate: "2024-01-01", endDate: nil)))
        }
        await #expect(throws: ServiceError.notFound(entity: "institution")) {
            try await services.institutions.setStatus(fx.b.regulator, id: aInst, .init(status: .clearedOut))
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.institutions.setStatus(fx.a.institutionUser, id: aInst, .init(status: .conforming))
        }
        let employmentA = try #require(UUID(uuidString: fx.a.person.employments[0].id))
        await #expect(throws: ServiceError.notFound(entity: "employment")) {
            try await services.people.updateEmployment(fx.b.enterpriseUser, id: employmentA, .init())
        }
    }

    @Test("lists mask ID numbers; the detail shows the full number; search by full number works")
    func masking() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let number = fx.a.person.documentNumber
        #expect(number.count == 18 && !fx.a.person.documentMasked)
        let page = try await services.people.list(fx.a.enterpriseUser, PersonQuery())
        #expect(page.items[0].documentNumber == String(number.prefix(6)) + "********" + String(number.suffix(4)))
        #expect(page.items[0].documentMasked)
        #expect(page.items[0].phone == "138****0001")
        let detail = try await services.people.get(fx.a.enterpriseUser, id: UUID(uuidString: fx.a.person.id)!)
        #expect(detail.documentNumber == number)
        let found = try await services.people.list(fx.a.regulator, PersonQuery(documentNumber: number.lowercased()))
        #expect(found.items.map(\.id) == [fx.a.person.id])
        // Searching by another tenant's full number finds nothing.
        #expect(try await services.people.list(fx.b.regulator, PersonQuery(documentNumber: number)).total == 0)
    }

    @Test("R-EMP-2: a mine may not place a dispatched worker in a hazardous post")
    func emp2() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)  // tenant a is a non-coal mine
        func create(_ type: EmploymentType, hazardous: Bool, seq: Int) async throws -> Person {
            try await services.people.create(fx.a.enterpriseUser, .init(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1992-03-04", sequence: seq), name: "矿工\(seq)",
                employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: [.specialOperations], employmentType: type,
                                            post: "井下爆破", hazardousPost: hazardous, startDate: "2025-01-01", endDate: nil)))
        }
        do {
            _ = try await create(.dispatched, hazardous: true, seq: 21)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["dispatched_in_mining_hazardous_post"])
            #expect(errors.map(\.field) == ["employment.employmentType"])
        }
        _ = try await create(.dispatched, hazardous: false, seq: 23)
        _ = try await create(.regular, hazardous: true, seq: 25)
        // Nothing of the refused registration was written.
        #expect(try await services.people.list(fx.admin, PersonQuery(search: "矿工21")).total == 0)
        // A non-mining enterprise may (R-EMP-2 is about mines only).
        _ = try await services.people.create(fx.b.enterpriseUser, .init(
            documentNumber: Synthetic.residentID(region: "310118", birth: "1992-03-04", sequence: 27), name: "派遣工",
            employment: EmploymentInput(enterpriseId: fx.b.enterprise.id, roles: [.employee], employmentType: .dispatched,
                                        post: "仓库", hazardousPost: true, startDate: "2025-01-01", endDate: nil)))
    }

    @Test("R-ID on registration: derived gender and birth date; conflicts and bad numbers refused")
    func personValidation() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let employment = EmploymentInput(enterpriseId: fx.b.enterprise.id, roles: [.employee], employmentType: .regular,
                                         post: nil, hazardousPost: nil, startDate: "2024-02-29", endDate: nil)
        let leap = Synthetic.residentID(region: "310118", birth: "2000-02-29", sequence: 31)  // odd: male
        let p = try await services.people.create(fx.admin, .init(documentNumber: leap, name: "闰日", employment: employment))
        #expect(p.gender == .male && p.birthDate == "2000-02-29")

        func refused(_ create: PersonCreate) async -> [String] {
            do {
                _ = try await services.people.create(fx.admin, create)
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map(\.code)
            } catch {
                return ["\(error)"]
            }
        }
        let female = Synthetic.residentID(region: "310118", birth: "1990-01-01", sequence: 32)
        #expect(await refused(.init(documentNumber: female, name: "甲", gender: .male, employment: employment)) == ["conflicts_with_id"])
        #expect(await refused(.init(documentNumber: female, name: "甲", birthDate: "1990-01-02", employment: employment)) == ["conflicts_with_id"])
        #expect(await refused(.init(documentNumber: String(female.dropLast()) + (female.last == "1" ? "2" : "1"), name: "甲",
                                    employment: employment)) == ["id_check_character"])
        #expect(await refused(.init(documentType: "驾驶证", documentNumber: "x", name: "甲", employment: employment)) == ["invalid_document_type"])
        #expect(await refused(.init(documentType: "passport", documentNumber: "E1", name: "甲", employment: employment)) == ["passport_format"])
        var bad = employment
        bad.endDate = "2024-01-01"
        #expect(await refused(.init(documentNumber: female, name: "甲", employment: bad)) == ["before_start"])
        // A 15-digit number is stored as its 18-digit form.
        let legacy = try await services.people.create(fx.admin, .init(documentNumber: "310118850101123", name: "旧证", employment: employment))
        #expect(legacy.documentNumber == "310118198501011233" || legacy.documentNumber.count == 18)
        #expect(legacy.documentNumber.hasPrefix("31011819850101123"))
    }

    @Test("the same document twice adds an employment, never a second person")
    func idempotentPerson() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        // Person a also starts working for enterprise b (registered by an admin).
        let both = try await services.people.create(fx.admin, .init(
            documentNumber: fx.a.person.documentNumber, name: fx.a.person.name,
            employment: EmploymentInput(enterpriseId: fx.b.enterprise.id, roles: [.safetyManager], employmentType: .flexible,
                                        post: nil, hazardousPost: nil, startDate: "2025-06-01", endDate: nil)))
        #expect(both.id == fx.a.person.id && both.employments.count == 2)
        // Each enterprise sees only its own employment of that person.
        let seenByB = try await services.people.get(fx.b.enterpriseUser, id: UUID(uuidString: both.id)!)
        #expect(seenByB.employments.map(\.enterpriseId) == [fx.b.enterprise.id])
        // Another name under the same number is a conflict.
        await #expect(throws: ServiceError.self) {
            try await services.people.create(fx.admin, .init(
                documentNumber: fx.a.person.documentNumber, name: "别人",
                employment: EmploymentInput(enterpriseId: fx.b.enterprise.id, roles: [.employee], employmentType: .regular,
                                            post: nil, hazardousPost: nil, startDate: "2025-07-01", endDate: nil)))
        }
        // Ending an employment.
        let ended = try await services.people.updateEmployment(
            fx.b.enterpriseUser, id: UUID(uuidString: seenByB.employments[0].id)!, { var p = EmploymentPatch(); p.endDate = "2025-12-31"; return p }())
        #expect(ended.employments[0].endDate == "2025-12-31")
        // A second employment at B, then moving its start onto the first's: a
        // conflict (409), not a server error (found by the contract fuzzer).
        let second = try await services.people.addEmployment(
            fx.b.enterpriseUser, personID: UUID(uuidString: both.id)!,
            EmploymentInput(enterpriseId: fx.b.enterprise.id, roles: [.employee], employmentType: .regular, post: nil,
                            hazardousPost: nil, startDate: "2026-02-01", endDate: nil))
        let later = try #require(second.employments.first { $0.startDate == "2026-02-01" })
        await #expect(throws: PersonService.employmentExists) {
            try await services.people.updateEmployment(
                fx.b.enterpriseUser, id: UUID(uuidString: later.id)!, { var p = EmploymentPatch(); p.startDate = "2025-06-01"; return p }())
        }
    }

    @Test("enterprises: R-USCC, unknown sector and region, override needs a reason, duplicate code; derived high risk")
    func enterpriseValidation() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        #expect(fx.a.enterprise.highRisk && fx.a.enterprise.mining)   // 非煤矿山
        #expect(!fx.b.enterprise.highRisk && !fx.b.enterprise.mining) // 商贸
        func codes(_ input: EnterpriseInput) async -> [String] {
            do {
                _ = try await services.enterprises.create(fx.admin, input)
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map(\.code)
            } catch let e as ServiceError {
                return [e.code]
            } catch {
                return ["\(error)"]
            }
        }
        let good = Synthetic.creditCode(division: "140825", serial: 900)
        #expect(await codes(.init(creditCode: String(good.dropLast()) + "0", name: "x", regionCode: "140825", sectors: ["commerce"]))
            .contains("uscc_check_character") || good.last == "0")
        #expect(await codes(.init(creditCode: good, name: "x", regionCode: "140825", sectors: ["spaceflight"])) == ["unknown_sector"])
        #expect(await codes(.init(creditCode: good, name: "x", regionCode: "990101", sectors: ["commerce"])) == ["unknown_reference"])
        #expect(await codes(.init(creditCode: good, name: "x", regionCode: "140825", sectors: ["commerce"], highRiskOverride: true))
            == ["required"])
        #expect(await codes(.init(creditCode: fx.a.enterprise.creditCode, name: "x", regionCode: "140825", sectors: ["commerce"]))
            == ["credit_code_taken"])
        let overridden = try await services.enterprises.create(fx.admin, .init(
            creditCode: good, name: "加油站", regionCode: "140825", sectors: ["commerce"], highRiskOverride: true,
            highRiskOverrideReason: "经营成品油"))
        #expect(overridden.highRisk && !overridden.sectorHighRisk)
        var patch = EnterprisePatch()
        patch.clearHighRiskOverride = true
        let cleared = try await services.enterprises.update(fx.admin, id: UUID(uuidString: overridden.id)!, patch)
        #expect(!cleared.highRisk && cleared.highRiskOverrideReason == nil)
        // Filters.
        let risky = try await services.enterprises.list(fx.admin, EnterpriseQuery(highRisk: true))
        #expect(risky.items.map(\.id) == [fx.a.enterprise.id])
        let county = try await services.enterprises.list(fx.admin, EnterpriseQuery(regionPrefix: RegionCode("140800")!.prefix))
        #expect(county.total == 2)
    }

    @Test("R-INST-1: status history, deadlines and mayAct")
    func institutionStatus() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2024-06-15T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let id = UUID(uuidString: fx.a.institution.id)!
        #expect(fx.a.institution.mayAct)
        await #expect(throws: ServiceError.self) {
            try await services.institutions.setStatus(fx.a.regulator, id: id, .init(status: .rectifying))  // no deadline
        }
        let rectifying = try await services.institutions.setStatus(
            fx.a.regulator, id: id, .init(status: .rectifying, rectifyDeadline: "2024-07-01", note: "师资不足"))
        #expect(rectifying.mayAct && rectifying.status == .rectifying)
        clock.advance(by: 17 * 86400)  // 2024-07-02
        let late = try await services.institutions.get(fx.a.institutionUser, id: id)
        #expect(!late.mayAct)
        let cleared = try await services.institutions.setStatus(fx.admin, id: id, .init(status: .clearedOut, note: "逾期未整改"))
        #expect(!cleared.mayAct && cleared.rectifyDeadline == nil)
        // R-INST-2: pending at registration, conforming after the fixture's passed inspection.
        #expect(cleared.statusHistory.map(\.status) == [.pendingInspection, .conforming, .rectifying, .clearedOut])
        // Cleared out is terminal: a later inspection is refused and not recorded.
        await #expect(throws: ServiceError.self) {
            try await services.institutions.addInspection(
                fx.a.regulator, id: id, .init(inspectedOn: "2024-07-02", inspector: "县应急局", result: "pass", findings: "已整改"))
        }
        #expect(try await services.institutions.get(fx.admin, id: id).inspections.count == 1)
        let actions = try await services.pool.withConnection { conn in
            try conn.query("SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id", [fx.a.institution.id])
                .rows.map { try $0.decode("action", as: String.self) }
        }
        #expect(actions == ["institution.created", "institution.inspected", "institution.status_changed", "institution.status_changed"])
    }
}

/// STYLE: where SQL repeats a domain rule for speed, a test runs both on
/// generated cases and compares them (issue 10). The enterprise list filters
/// by high risk in SQL; `HighRisk.derive` is the rule.
@Suite("High risk: the SQL filter agrees with HighRisk.derive")
struct HighRiskAgreementTests {
    @Test("every combination of sectors and override")
    func agreement() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let sectorSets: [[String]] = [["commerce"], ["non_coal_mine"], ["commerce", "non_coal_mine"], ["construction"],
                                      ["hazardous_chemicals", "construction"]]
        let overrides: [Bool?] = [nil, true, false]
        var expected: [String: Bool] = [:]
        var serial = 500
        for sectors in sectorSets {
            for override in overrides {
                serial += 1
                let e = try await services.enterprises.create(fx.admin, EnterpriseInput(
                    creditCode: Synthetic.creditCode(division: "140825", serial: serial), name: "高危比对\(serial)",
                    regionCode: "140825", sectors: sectors, highRiskOverride: override,
                    highRiskOverrideReason: override == nil ? nil : "县局认定"))
                let flags = try await services.pool.withConnection { conn in
                    try conn.query("SELECT high_risk_training FROM sectors WHERE code = ANY ($1::text[])", [PGArray(sectors)])
                        .rows.map { try $0.decode("high_risk_training", as: Bool.self) }
                }
                expected[e.id] = HighRisk.derive(sectorFlags: flags, override: override)
                #expect(e.highRisk == expected[e.id], "record \(sectors) \(String(describing: override))")
            }
        }
        for flag in [true, false] {
            let listed = try await services.enterprises.list(fx.admin, EnterpriseQuery(highRisk: flag, search: "高危比对", limit: 500))
            let ids = Set(listed.items.map(\.id))
            for (id, risk) in expected { #expect(ids.contains(id) == (risk == flag), "\(id) high risk \(risk), filter \(flag)") }
        }
    }
}
