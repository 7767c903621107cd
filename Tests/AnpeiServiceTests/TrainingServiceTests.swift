import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// The wave plan files shipped in db/waves.
enum WavePlans {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../db/waves").standardized

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func loadAll(_ services: Services, _ call: CallContext) async throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".yaml") {
            _ = try await services.training.loadPlan(call, text: try text(file))
        }
    }
}

/// A county scenario built by hand, for coverage where every number is known.
struct TrainingScenario: Sendable {
    let services: Services
    let fx: RegistryFixture
    var people: [String: Person] = [:]
    var enterprises: [String: Enterprise] = [:]

    static func make() async throws -> TrainingScenario {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await WavePlans.loadAll(services, fx.admin)
        var s = TrainingScenario(services: services, fx: fx)
        // E2 in a town of the county, E3 in another town, E4 in the county but
        // another sector, E5 in another county of the province.
        for (tag, region, sector, serial) in [("E2", "140825100", "non_coal_mine", 11), ("E3", "140825101", "non_coal_mine", 12),
                                               ("E4", "140825", "commerce", 13), ("E5", "141124", "non_coal_mine", 14)] {
            s.enterprises[tag] = try await services.enterprises.create(fx.admin, EnterpriseInput(
                creditCode: Synthetic.creditCode(division: String(region.prefix(6)), serial: serial), name: "单位\(tag)",
                regionCode: region, sectors: [sector]))
        }
        // (name, enterprise, roles, start, end)
        let staff: [(String, String, [EmploymentRole], String, String?)] = [
            ("P2", "E2", [.principal], "2019-03-01", nil),
            ("P3", "E2", [.principal, .safetyManager], "2021-01-01", nil),
            ("P4", "E2", [.safetyManager], "2020-01-01", nil),            // not a principal
            ("P5", "E3", [.principal], "2015-01-01", "2023-12-31"),      // left before 2024
            ("P6", "E3", [.principal], "2024-06-01", nil),               // joined during 2024
            ("P7", "E4", [.principal], "2018-01-01", nil),               // other sector
            ("P8", "E5", [.principal], "2018-01-01", nil),               // other county
        ]
        for (i, (name, ent, roles, start, end)) in staff.enumerated() {
            s.people[name] = try await services.people.create(fx.admin, PersonCreate(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1975-05-1\(i % 10)", sequence: 200 + i), name: "学员\(name)",
                phone: nil, employment: EmploymentInput(enterpriseId: s.enterprises[ent]!.id, roles: roles, employmentType: .regular,
                                                        post: "负责人", hazardousPost: false, startDate: start, endDate: end)))
        }
        s.people["P1"] = fx.a.person  // the fixture's principal of a non-coal mine in the county itself
        return s
    }

    func wave(_ jurisdiction: String?, _ year: Int, _ sector: String) async throws -> Wave {
        try await services.training.waves(fx.admin, year: year, applicableTo: nil)
            .first { $0.jurisdiction == jurisdiction && $0.sectorCode == sector && $0.kind == .sector }!
    }

    func session(_ wave: Wave, region: String = "140825", start: String, end: String, capacity: Int = 30,
                 kind: String = "main") async throws -> Session {
        try await services.training.registerSession(fx.a.institutionUser, .init(
            waveId: wave.id, kind: kind, venue: "县应急管理局三楼会议室", regionCode: region, startDate: start, endDate: end,
            hoursPerDay: 8, capacity: capacity, modules: TrainingModule.allCases.map(\.rawValue)))
    }

    func enroll(_ session: Session, _ person: String) async throws -> RosterEntry {
        try await services.training.enroll(fx.a.institutionUser, session: UUID(uuidString: session.id)!, .init(personId: people[person]!.id))
    }
}

@Suite("Training waves, sessions, enrolment and coverage (R-WAVE-*)")
struct TrainingServiceTests {
    @Test("R-WAVE-4: every plan file loads, twice without change, and its sectors per year match the seed text")
    func planFiles() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await WavePlans.loadAll(services, fx.admin)
        // Sectors per year and target role, as the seed texts list them (DOMAIN.md R-WAVE-4).
        let expected: [String?: [Int: Set<String>]] = [
            nil: [2024: ["principal non_coal_mine", "fire_safety_responsible hospital_grade_2_3"],
                  2025: ["principal metal_smelting", "fire_safety_responsible key_heritage_unit"],
                  2026: ["fire_safety_responsible commercial_complex"]],
            // 新绛县 2026: 商业综合体 as its plan says, not only 大型 (issue 11 §3).
            "140825": [2024: ["principal non_coal_mine", "fire_safety_responsible hospital_grade_2_3"],
                       2025: ["principal metal_smelting", "fire_safety_responsible key_heritage_unit"],
                       2026: ["fire_safety_responsible shopping_complex"]],
            "310118001": [2024: ["principal urban_gas", "fire_safety_responsible hospital"],
                          2025: ["principal metal_smelting", "fire_safety_responsible key_heritage_unit"],
                          2026: ["fire_safety_responsible commercial_complex"]],
            "141124209": [:],
            "540000": [2024: ["principal non_coal_mine", "principal hazchem_trading", "principal urban_gas",
                              "fire_safety_responsible hospital_grade_2_3"],
                       2025: ["principal construction", "principal road_transport", "fire_safety_responsible key_heritage_unit"],
                       2026: ["fire_safety_responsible commercial_complex"]],
        ]
        let all = try await services.training.waves(fx.admin, year: nil, applicableTo: nil)
        for (jurisdiction, years) in expected {
            let mine = all.filter { $0.jurisdiction == jurisdiction && $0.kind == .sector }
            for year in 2024...2026 {
                let got = Set(mine.filter { $0.year == year }.map { "\($0.targetRole.rawValue) \($0.sectorCode ?? "")" })
                #expect(got == (years[year] ?? []), "\(jurisdiction ?? "national") \(year)")
            }
            #expect(mine.allSatisfy { $0.minDays >= 3 && $0.requiredModules.count == TrainingModule.allCases.count })
        }
        #expect(all.first { $0.jurisdiction == "140825" && $0.year == 2025 }?.departments == ["应急", "文旅", "消防"])
        // 安家庄乡 sets none of its own but is subject to the national ones (and nothing of 新绛县's).
        let anjiazhuang = try await services.training.waves(fx.admin, year: 2024, applicableTo: "141124209")
        #expect(Set(anjiazhuang.map { $0.jurisdiction ?? "national" }) == ["national"])
        let report = try await services.training.loadPlan(fx.admin, text: try WavePlans.text("540000-xizang.yaml"))
        #expect((report.created, report.updated, report.unchanged) == (0, 0, 17))
        // R-WAVE-9: 西藏's SASAC batches (no sector, three roles, by owner) and catch-up waves.
        let xizang = all.filter { $0.jurisdiction == "540000" }
        let batches = xizang.filter { $0.kind == .sasacBatch }
        #expect(batches.count == 4 && batches.allSatisfy { $0.sectorCode == nil && $0.targetRoles == [.principal, .deputyPrincipal, .safetyDepartmentHead] })
        #expect(Set(batches.map(\.owners)) == [[.central, .regional], [.prefecture]])
        #expect(xizang.filter { $0.kind == .catchUp }.map { "\($0.year) \($0.sectorCode ?? "")" }.sorted()
            == ["2025 hazchem_trading", "2025 non_coal_mine", "2025 urban_gas", "2026 construction", "2026 road_transport"])
        // Delivery per wave (issue 11 §3): national and 新绛县 main and sub classrooms; 夏阳 and 西藏 independent.
        #expect(all.filter { $0.jurisdiction == nil || $0.jurisdiction == "140825" }.allSatisfy { $0.delivery == .mainSub })
        #expect(all.filter { $0.jurisdiction == "310118001" || $0.jurisdiction == "540000" }.allSatisfy { $0.delivery == .independent })
        // A regulator may not load a national plan; a bad wave rejects the whole file.
        await #expect(throws: ServiceError.forbidden) { try await services.training.loadPlan(fx.a.regulator, text: try WavePlans.text("national.yaml")) }
        let bad = "plan: x\njurisdiction: \"140825\"\nwaves:\n  - { year: 2027, targetRole: principal, sector: construction, title: t }\n  - { year: 2027, targetRole: principal, sector: nope, title: t, minDays: 2 }\n"
        do {
            _ = try await services.training.loadPlan(fx.a.regulator, text: bad)
            Issue.record("accepted a bad plan")
        } catch ServiceError.validation(let errors) {
            #expect(Set(errors.map(\.field)) == ["waves[1].sector"])
        }
        #expect(try await services.training.waves(fx.admin, year: 2027, applicableTo: nil).isEmpty)
    }

    @Test("hand-built county: target, completed, enrolled, not enrolled and rate per wave and child region")
    func coverage() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let national = try await s.wave(nil, 2024, "non_coal_mine")
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let s1 = try await s.session(county, start: "2024-05-06", end: "2024-05-08")
        let s2 = try await s.session(national, region: "140825100", start: "2024-09-02", end: "2024-09-04")
        _ = try await s.enroll(s1, "P1")
        _ = try await s.enroll(s1, "P2")
        _ = try await s.enroll(s2, "P3")
        _ = try await t.enroll(s.fx.a.institutionUser, session: UUID(uuidString: s1.id)!, .init(observerName: "县应急局执法人员", observerOrganisation: "新绛县应急管理局"))
        let inst = s.fx.a.institutionUser
        let s1id = UUID(uuidString: s1.id)!
        _ = try await t.moveSession(inst, id: s1id, to: "in_progress", reason: nil)
        let roster = try await t.roster(inst, session: s1id)
        let p1 = roster.first { $0.personId == s.people["P1"]!.id }!.id
        let p2 = roster.first { $0.personId == s.people["P2"]!.id }!.id
        for (day, p2Present) in [("2024-05-06", true), ("2024-05-07", false), ("2024-05-08", true)] {
            _ = try await t.recordAttendance(inst, session: s1id, .init(day: day, entries: [.init(enrollmentId: p1, present: true),
                                                                                              .init(enrollmentId: p2, present: p2Present)]))
        }
        let done = try await t.moveSession(inst, id: s1id, to: "completed", reason: nil)
        #expect(done.status == .completed)
        let after = try await t.roster(inst, session: s1id)
        let p1Entry = after.first { $0.id == p1 }!
        #expect(p1Entry.status == "completed" && p1Entry.presentDays == 3 && p1Entry.completionCode?.count == 10 && p1Entry.completedOn == "2024-05-08")
        #expect(after.first { $0.id == p2 }!.status == "not_completed")
        #expect(after.first { $0.observer }?.status == "enrolled")  // observers get no completion record
        let record = try await t.verifyCompletion(code: p1Entry.completionCode!)
        #expect(record.name == "人员a" && record.completedOn == "2024-05-08" && record.waveTitle == county.title)

        // County: target P1, P2, P3, P6 (P4 not a principal, P5 left in 2023, P7 other sector, P8 other county).
        let report = try await t.coverage(s.fx.a.regulator, CoverageQuery(region: nil, year: 2024))
        for id in [national.id, county.id] {
            let w = try #require(report.waves.first { $0.wave.id == id })
            #expect(w.figures == CoverageFigures(target: 4, completed: 1, enrolled: 2), "\(w.wave.title)")
            #expect(w.figures.notEnrolled == 1 && w.figures.rate == 0.25)
            let children = Dictionary(uniqueKeysWithValues: w.children.map { ($0.regionCode, $0.figures) })
            #expect(children == ["140825": CoverageFigures(target: 1, completed: 1, enrolled: 0),
                                 "140825100": CoverageFigures(target: 2, completed: 0, enrolled: 2),
                                 "140825101": CoverageFigures(target: 1, completed: 0, enrolled: 0)])
        }
        let hospitals = try #require(report.waves.first { $0.wave.sectorCode == "hospital_grade_2_3" && $0.wave.jurisdiction == nil })
        #expect(hospitals.figures == CoverageFigures(target: 0, completed: 0, enrolled: 0) && hospitals.figures.rate == nil)
        // The province (admin): the national wave reaches P8 too; the county's wave stays in the county.
        let province = try await t.coverage(s.fx.admin, CoverageQuery(region: "140000", year: 2024, sector: "non_coal_mine"))
        #expect(province.waves.first { $0.wave.id == national.id }?.figures.target == 5)
        #expect(province.waves.first { $0.wave.id == county.id }?.figures.target == 4)
        // The missing list: P2 and P3 enrolled, P6 not; CSV for Excel.
        let missing = try await t.missing(s.fx.a.regulator, CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: national.id)), limit: 100, offset: 0)
        #expect(Set(missing.map { "\($0.name) \($0.status)" }) == ["学员P2 enrolled", "学员P3 enrolled", "学员P6 not_enrolled"])
        #expect(missing.allSatisfy { $0.documentMasked.contains("********") })
        let csv = try await t.missingCSV(s.fx.a.regulator, CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: national.id)))
        #expect(csv.hasPrefix("\u{FEFF}\"培训批次\"") && csv.components(separatedBy: "\r\n").count == 5)
        // Cancelling S2 releases P3: now not enrolled.
        _ = try await t.moveSession(inst, id: UUID(uuidString: s2.id)!, to: "cancelled", reason: "场地不可用")
        let later = try await t.coverage(s.fx.a.regulator, CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: national.id)))
        #expect(later.waves.first?.figures == CoverageFigures(target: 4, completed: 1, enrolled: 1))
        // Enterprises see their own people's status; other regions are not theirs to ask.
        let mine = try await t.enterpriseStatus(s.fx.a.enterpriseUser, enterprise: UUID(uuidString: s.fx.a.enterprise.id)!, year: 2024)
        #expect(Set(mine.map(\.status)) == ["completed"] && mine.count == 2)  // national and county waves
        await #expect(throws: ServiceError.notFound(entity: "region")) {
            try await t.coverage(s.fx.b.regulator, CoverageQuery(region: "140825", year: 2024))
        }
        await #expect(throws: ServiceError.forbidden) { try await t.coverage(s.fx.a.enterpriseUser, CoverageQuery(region: nil, year: 2024)) }
    }

    @Test("registration refusals: R-INST-1 status, institution scope, days, modules, synchronised sub-classrooms")
    func registration() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        func codes(_ body: () async throws -> Any) async -> [String] {
            do { _ = try await body(); return [] } catch ServiceError.validation(let e) { return e.map(\.code) } catch { return ["\(error)"] }
        }
        #expect(await codes { try await s.session(county, start: "2024-05-06", end: "2024-05-07") } == ["too_short"])
        #expect(await codes {
            try await t.registerSession(s.fx.a.institutionUser, .init(waveId: county.id, kind: "main", venue: "v", regionCode: "140825",
                                                                   startDate: "2024-05-06", endDate: "2024-05-08", hoursPerDay: 8, capacity: 10,
                                                                   modules: ["xi_expositions"]))
        } == ["module_missing"])
        let main = try await s.session(county, start: "2024-05-06", end: "2024-05-08")
        #expect(await codes {
            try await t.registerSession(s.fx.a.institutionUser, .init(waveId: county.id, kind: "sub", mainSessionId: main.id, venue: "镇会议室",
                                                                   regionCode: "140825100", startDate: "2024-05-07", endDate: "2024-05-09",
                                                                   hoursPerDay: 8, capacity: 10, modules: TrainingModule.allCases.map(\.rawValue)))
        } == ["not_synchronised"])
        let sub = try await t.registerSession(s.fx.a.institutionUser, .init(
            waveId: county.id, kind: "sub", mainSessionId: main.id, venue: "镇会议室", regionCode: "140825100", startDate: "2024-05-06",
            endDate: "2024-05-08", hoursPerDay: 8, capacity: 10, modules: TrainingModule.allCases.map(\.rawValue)))
        #expect(sub.kind == .sub && sub.mainSessionId == main.id)
        // A fire-safety wave is outside this institution's AQ 8011 scope (principal, special operations).
        let hospitals = try await s.wave("140825", 2024, "hospital_grade_2_3")
        #expect(await codes { try await s.session(hospitals, start: "2024-05-06", end: "2024-05-08") } == ["outside_institution_scope"])
        // R-INST-1: cleared out → refused with the reason.
        _ = try await s.services.institutions.setStatus(s.fx.admin, id: UUID(uuidString: s.fx.a.institution.id)!, .init(status: .clearedOut, note: "不符合AQ 8011-2023"))
        #expect(await codes { try await s.session(county, start: "2024-06-03", end: "2024-06-05") } == ["institution_may_not_act"])
        // Enterprises and regulators do not register sessions.
        await #expect(throws: ServiceError.forbidden) {
            try await t.registerSession(s.fx.a.enterpriseUser, .init(waveId: county.id, kind: "main", venue: "v", regionCode: "140825",
                                                                  startDate: "2024-05-06", endDate: "2024-05-08", hoursPerDay: 8, capacity: 1, modules: []))
        }
    }

    @Test("enrolment: eligibility, one session at a time, lifecycle; capacity holds under concurrent enrolment")
    func enrolment() async throws {
        var s = try await TrainingScenario.make()
        let t = s.services.training
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let s1 = try await s.session(county, start: "2024-05-06", end: "2024-05-08", capacity: 5)
        func code(_ person: String, _ session: Session) async -> String { await attempt(s, person, session) }
        #expect(await code("P4", s1) == "not_eligible")   // safety manager, not principal
        #expect(await code("P5", s1) == "not_eligible")   // left in 2023
        #expect(await code("P7", s1) == "not_eligible")   // another sector
        #expect(await code("P8", s1) == "not_eligible")   // another county
        #expect(await code("P2", s1) == "ok")
        #expect(await code("P2", s1) == "already_enrolled")
        let overlapping = try await s.session(county, start: "2024-05-08", end: "2024-05-10")
        #expect(await code("P2", overlapping) == "overlapping_session")
        #expect(await code("P3", overlapping) == "ok")

        // 12 more principals in the county race for the 4 seats left.
        for i in 0..<12 {
            s.people["R\(i)"] = try await s.services.people.create(s.fx.admin, PersonCreate(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1970-01-2\(i % 8)", sequence: 400 + i), name: "竞报\(i)", phone: nil,
                employment: EmploymentInput(enterpriseId: s.enterprises["E2"]!.id, roles: [.principal], employmentType: .regular, post: nil,
                                            hazardousPost: false, startDate: "2020-01-01", endDate: nil)))
        }
        let scenario = s
        let outcomes = await withTaskGroup(of: String.self) { group in
            for i in 0..<12 { group.addTask { await attempt(scenario, "R\(i)", s1) } }
            var all: [String] = []
            for await o in group { all.append(o) }
            return all
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 4)
        #expect(outcomes.filter { $0 == "session_full" }.count == 8)
        #expect(try await t.session(s.fx.admin, id: UUID(uuidString: s1.id)!).seatsTaken == 5)
        // Lifecycle: completed → cancelled is refused; attendance only in progress.
        let id = UUID(uuidString: s1.id)!
        await #expect(throws: ServiceError.self) { try await t.moveSession(s.fx.a.institutionUser, id: id, to: "completed", reason: nil) }
        await #expect(throws: ServiceError.self) {
            try await t.recordAttendance(s.fx.a.institutionUser, session: id, .init(day: "2024-05-06", entries: []))
        }
        // Another institution cannot touch this session.
        await #expect(throws: ServiceError.notFound(entity: "session")) {
            try await t.enroll(s.fx.b.institutionUser, session: id, .init(personId: s.people["P6"]!.id))
        }
    }

    @Test("enrolment file: all or nothing with row numbers; a dry run writes nothing")
    func enrolmentFile() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let s1 = try await s.session(county, start: "2024-05-06", end: "2024-05-08")
        let id = UUID(uuidString: s1.id)!
        func row(_ p: String) -> String { "\(s.people[p]!.documentNumber),\(s.people[p]!.name)" }
        let bad = "证件号码,姓名\r\n\(row("P2"))\r\n\(row("P7"))\r\n\(s.people["P3"]!.documentNumber),别人\r\n110105194912310021,无效\r\n"
        let report = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: Data(bad.utf8), dryRun: false)
        #expect(!report.accepted && report.rows == 4)
        #expect(report.errors.map { "\($0.row) \($0.column) \($0.code)" } == ["3 证件号码 not_eligible", "4 姓名 name_mismatch", "5 证件号码 id_check_character"])
        #expect(try await t.roster(s.fx.a.institutionUser, session: id).isEmpty)
        // Issue 9 §6: a control character in a cell refuses the file.
        let nul = "证件号码,姓名\n\(row("P2"))\u{0}\n"
        let refused = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: Data(nul.utf8), dryRun: false)
        #expect(!refused.accepted && refused.errors.map(\.code).contains("control_character"))
        #expect(try await t.roster(s.fx.a.institutionUser, session: id).isEmpty)
        let good = "证件号码,姓名\n\(row("P2"))\n\(row("P3"))\n"
        let dry = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: Data(good.utf8), dryRun: true)
        #expect(dry.accepted && dry.enrolled == 2 && dry.dryRun)
        #expect(try await t.roster(s.fx.a.institutionUser, session: id).isEmpty)
        let real = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: Data(good.utf8), dryRun: false)
        #expect(real.accepted && real.enrolled == 2)
        #expect(try await t.roster(s.fx.a.institutionUser, session: id).count == 2)
        // Sent again: nothing new, nothing refused.
        let again = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: Data(good.utf8), dryRun: false)
        #expect(again.accepted && again.enrolled == 0 && again.unchanged == 2)
        // GBK, as Excel on Chinese Windows saves it, with the English headers.
        let gbk = try TextDecoding.encodeGB18030("documentNumber,name\r\n\(row("P6"))\r\n")
        #expect(try TextDecoding.decode(gbk).text == "documentNumber,name\r\n\(row("P6"))\r\n")
        let third = try await t.importEnrollments(s.fx.a.institutionUser, session: id, data: gbk, dryRun: false)
        #expect(third.accepted && third.enrolled == 1 && third.encoding == .gb18030, "\(third.errors)")
    }
}

/// Enrols and reports "ok" or the refusal's code.
func attempt(_ s: TrainingScenario, _ person: String, _ session: Session) async -> String {
    do {
        _ = try await s.enroll(session, person)
        return "ok"
    } catch let e as ServiceError {
        return e.fieldErrors.first?.code ?? "\(e)"
    } catch {
        return "\(error)"
    }
}
