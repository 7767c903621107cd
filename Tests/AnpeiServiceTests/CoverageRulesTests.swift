import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §3: who a wave's target population is on a date (R-WAVE-6), the
/// sector hierarchy (R-WAVE-7), full training days and attendance (R-WAVE-8),
/// and one missing-list row per person.
@Suite("Coverage rules: population by date, sector hierarchy, full days (R-WAVE-6/7/8)")
struct CoverageRulesTests {
    /// A session of `wave` run to completion by `institution` with `present` on every day.
    static func runSession(_ s: TrainingScenario, _ wave: Wave, region: String = "140825", start: String, end: String, people: [String],
                           user: CallContext? = nil, hoursPerDay: Int = 8) async throws -> Session {
        let t = s.services.training
        let inst = user ?? s.fx.a.institutionUser
        let session = try await t.registerSession(inst, .init(
            waveId: wave.id, kind: wave.delivery == .mainSub ? "main" : "independent", venue: "会议室", regionCode: region, startDate: start,
            endDate: end, hoursPerDay: hoursPerDay, capacity: 30, modules: TrainingModule.allCases.map(\.rawValue)))
        let sid = UUID(uuidString: session.id)!
        for p in people { _ = try await t.enroll(inst, session: sid, .init(personId: p)) }
        _ = try await t.moveSession(inst, id: sid, to: "in_progress", reason: nil)
        let roster = try await t.roster(inst, session: sid).filter { !$0.observer }
        var day = CivilDate(iso: start)!
        while day <= CivilDate(iso: end)! {
            _ = try await t.recordAttendance(inst, session: sid, .init(day: day.description, entries: roster.map { .init(enrollmentId: $0.id, present: true) }))
            day = day.adding(days: 1)
        }
        return try await t.moveSession(inst, id: sid, to: "completed", reason: nil)
    }

    func person(_ s: TrainingScenario, _ seq: Int, _ name: String, enterprise: String, role: EmploymentRole = .principal,
                start: String, end: String? = nil) async throws -> Person {
        try await s.services.people.create(s.fx.admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: "140825", birth: "1970-02-02", sequence: seq), name: name,
            employment: EmploymentInput(enterpriseId: enterprise, roles: [role], employmentType: .regular, post: "负责人",
                                        hazardousPost: false, startDate: start, endDate: end)))
    }

    @Test("R-WAVE-6: joins in December, leaves in March, completes then leaves, enterprise closed: the population on the as-of date")
    func populationByDate() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let e2 = s.enterprises["E2"]!.id
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let december = try await person(s, 301, "十二月入职", enterprise: e2, start: "2024-12-10")
        let march = try await person(s, 302, "三月离职", enterprise: e2, start: "2020-01-01", end: "2024-03-31")
        let doneThenLeft = try await person(s, 303, "结业后离职", enterprise: e2, start: "2020-01-01", end: "2024-09-30")
        // An enterprise closed in the year: its principal no longer counts.
        let closedEnt = try await s.services.enterprises.create(s.fx.admin, EnterpriseInput(
            creditCode: Synthetic.creditCode(division: "140825", serial: 31), name: "关闭的矿", regionCode: "140825100", sectors: ["non_coal_mine"]))
        let closedBoss = try await person(s, 304, "关闭企业负责人", enterprise: closedEnt.id, start: "2018-01-01")
        _ = try await Self.runSession(s, county, start: "2024-05-06", end: "2024-05-08", people: [doneThenLeft.id])
        var patch = EnterprisePatch()
        patch.status = .closed
        _ = try await s.services.enterprises.update(s.fx.admin, id: UUID(uuidString: closedEnt.id)!, patch)

        func names(_ date: String) async throws -> Set<String> {
            let q = CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: county.id), asOf: CivilDate(iso: date)!)
            return Set(try await t.missing(s.fx.a.regulator, q, limit: 1000, offset: 0).map(\.name))
        }
        let endOfYear = try await names("2024-12-31")
        #expect(endOfYear.contains(december.name))                 // joined in December: in the population
        #expect(!endOfYear.contains(march.name))                    // left in March without completing: out
        #expect(!endOfYear.contains(closedBoss.name))               // enterprise closed: out
        let june = try await names("2024-06-30")
        #expect(!june.contains(december.name) && !june.contains(march.name))
        let midMarch = try await names("2024-03-15")
        #expect(midMarch.contains(march.name))                      // still holding the role on 15 March
        // Completed while holding the role, then left: counted as completed at year end.
        let q = CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: county.id), asOf: CivilDate(iso: "2024-12-31")!)
        let report = try await t.coverage(s.fx.a.regulator, q)
        #expect(report.asOf == "2024-12-31")
        let figures = try #require(report.waves.first?.figures)
        // P1 P2 P3 P6 of the scenario, the December joiner, and the completer who left: 6; one completed.
        #expect(figures.target == 6 && figures.completed == 1, "\(figures)")
        // A date outside the year is refused.
        await #expect(throws: ServiceError.self) {
            try await t.coverage(s.fx.a.regulator, CoverageQuery(region: nil, year: 2024, asOf: CivilDate(iso: "2025-01-01")!))
        }
    }

    @Test("missing list: one row per person with their in-sector enterprises, matching the not-enrolled count")
    func missingOneRowPerPerson() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        // P2 is also principal of E3 (both non-coal mines in the county).
        _ = try await s.services.people.addEmployment(s.fx.admin, personID: UUID(uuidString: s.people["P2"]!.id)!, EmploymentInput(
            enterpriseId: s.enterprises["E3"]!.id, roles: [.principal], employmentType: .regular, post: "负责人", hazardousPost: false,
            startDate: "2022-01-01", endDate: nil))
        let q = CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: county.id), asOf: CivilDate(iso: "2024-12-31")!)
        let missing = try await t.missing(s.fx.a.regulator, q, limit: 100, offset: 0)
        let p2 = missing.filter { $0.personId == s.people["P2"]!.id }
        #expect(p2.count == 1 && p2[0].enterpriseName == "单位E2、单位E3")
        let figures = try #require(try await t.coverage(s.fx.a.regulator, q).waves.first?.figures)
        #expect(missing.filter { $0.status == "not_enrolled" }.count == figures.notEnrolled)
        #expect(missing.count == figures.target - figures.completed)
    }

    @Test("R-WAVE-7: a 夏阳 grade-III hospital's fire-safety responsible person who completes the national wave is not missing from the street's 医院 wave")
    func sectorHierarchy() async throws {
        let s = try await TrainingScenario.make()
        let fx = s.fx
        let street = try await s.wave("310118001", 2024, "hospital")
        let national = try await s.wave(nil, 2024, "hospital_grade_2_3")
        let grade3 = try await s.services.enterprises.create(fx.admin, EnterpriseInput(
            creditCode: Synthetic.creditCode(division: "310118", serial: 41), name: "三级医院", regionCode: "310118001",
            sectors: ["hospital_grade_2_3"]))
        let clinic = try await s.services.enterprises.create(fx.admin, EnterpriseInput(
            creditCode: Synthetic.creditCode(division: "310118", serial: 42), name: "一级医院", regionCode: "310118001", sectors: ["hospital"]))
        let head3 = try await person(s, 311, "三级医院消防责任人", enterprise: grade3.id, role: .fireSafetyResponsible, start: "2020-01-01")
        let head1 = try await person(s, 312, "一级医院消防责任人", enterprise: clinic.id, role: .fireSafetyResponsible, start: "2020-01-01")
        // A fire-safety institution runs the national wave's session in the street.
        let inst = try await s.services.institutions.create(fx.admin, InstitutionInput(
            creditCode: Synthetic.creditCode(division: "310118", serial: 43, kind: "52"), name: "消防培训中心", regionCode: "310118",
            trainingKinds: [.fireSafety], specialOpCategories: []))
        _ = try await s.services.institutions.addInspection(fx.admin, id: UUID(uuidString: inst.id)!, .init(inspectedOn: "2024-01-10", inspector: "市局", result: "pass"))
        _ = try await s.services.users.create(fx.admin, .init(username: "fire-inst", role: "institution", institutionId: inst.id, password: RegistryFixture.password))
        let user = try await RegistryFixture.call(s.services, "fire-inst")
        _ = try await Self.runSession(s, national, region: "310118001", start: "2024-06-03", end: "2024-06-05", people: [head3.id], user: user)
        let regulator = fx.admin
        let q = CoverageQuery(region: "310118001", year: 2024, wave: UUID(uuidString: street.id), asOf: CivilDate(iso: "2024-12-31")!)
        // The street's 医院 wave covers both hospitals (R-WAVE-7); the grade III one completed through the national wave.
        let figures = try #require(try await s.services.training.coverage(regulator, q).waves.first?.figures)
        #expect(figures.target == 2 && figures.completed == 1, "\(figures)")
        let missing = try await s.services.training.missing(regulator, q, limit: 100, offset: 0)
        #expect(missing.map(\.name) == [head1.name])
        // The national wave reaches only the grade II/III hospital.
        let nq = CoverageQuery(region: "310118001", year: 2024, wave: UUID(uuidString: national.id), asOf: CivilDate(iso: "2024-12-31")!)
        #expect(try await s.services.training.coverage(regulator, nq).waves.first?.figures == CoverageFigures(target: 1, completed: 1, enrolled: 0))
        // Enrolling the grade I hospital's person in the national wave is refused (not under its sector).
        let sectors = try await s.services.reference.sectors(regulator)
        #expect(sectors.first { $0.code == "hospital_grade_2_3" }?.parentCode == "hospital")
        #expect(sectors.first { $0.code == "hospital" }?.parentCode == "medical")
        #expect(!sectors.contains { $0.code == "gas_operator" })  // one code for 城镇燃气
    }

    @Test("R-WAVE-8: at least 6 class hours a day; every scheduled day attended unless an approved absence is made up; one classroom a day")
    func fullDays() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let inst = s.fx.a.institutionUser
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        do {
            _ = try await s.session(county, start: "2024-05-06", end: "2024-05-08").id  // 8 hours: fine
            _ = try await t.registerSession(inst, .init(waveId: county.id, kind: "main", venue: "v", regionCode: "140825", startDate: "2024-07-01",
                                                       endDate: "2024-07-03", hoursPerDay: 4, capacity: 10, modules: TrainingModule.allCases.map(\.rawValue)))
            Issue.record("a session of 4-hour days was registered")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["hours_below_minimum"])
        }
        // A four-day session: P1 misses day 2 and makes it up; P2 misses day 2 without; P3 attends all four.
        let session = try await s.session(county, start: "2024-09-02", end: "2024-09-05")
        let sid = UUID(uuidString: session.id)!
        for p in ["P1", "P2", "P3"] { _ = try await s.enroll(session, p) }
        _ = try await t.moveSession(inst, id: sid, to: "in_progress", reason: nil)
        let roster = try await t.roster(inst, session: sid)
        func id(_ p: String) -> String { roster.first { $0.personId == s.people[p]!.id }!.id }
        for day in ["2024-09-02", "2024-09-03", "2024-09-04", "2024-09-05"] {
            let missed = day == "2024-09-03"
            _ = try await t.recordAttendance(inst, session: sid, .init(day: day, entries: [
                .init(enrollmentId: id("P1"), present: !missed, madeUpOn: missed ? "2024-09-06" : nil),
                .init(enrollmentId: id("P2"), present: !missed),
                .init(enrollmentId: id("P3"), present: true),
            ]))
        }
        _ = try await t.moveSession(inst, id: sid, to: "completed", reason: nil)
        let after = Dictionary(uniqueKeysWithValues: try await t.roster(inst, session: sid).map { ($0.personId ?? "", $0.status) })
        #expect(after[s.people["P1"]!.id] == "completed")
        #expect(after[s.people["P2"]!.id] == "not_completed")   // three days present, but a scheduled day missed
        #expect(after[s.people["P3"]!.id] == "completed")
        // P3, present in that completed session on 2024-09-03, cannot join a session overlapping those days…
        let other = try await s.session(county, start: "2024-09-04", end: "2024-09-06")
        #expect(await attempt(s, "P3", other) == "overlapping_session")
        // …nor be recorded present in two classrooms on one day, even where two
        // overlapping enrolments exist (one made before this rule, here by SQL).
        let a = try await s.session(county, start: "2024-10-08", end: "2024-10-10")
        let b = try await s.session(county, start: "2024-10-08", end: "2024-10-10", capacity: 5)
        _ = try await s.enroll(a, "P6")
        let p6Person = s.people["P6"]!
        try await s.services.pool.withConnection { conn in
            try conn.query("""
                INSERT INTO training_enrollments (session_id, person_id, enterprise_id)
                VALUES (\(UUID(uuidString: b.id)!), \(UUID(uuidString: p6Person.id)!), \(UUID(uuidString: s.enterprises["E3"]!.id)!))
                """)
        }
        for x in [a, b] { _ = try await t.moveSession(inst, id: UUID(uuidString: x.id)!, to: "in_progress", reason: nil) }
        func entry(_ x: Session) async throws -> String {
            try await t.roster(inst, session: UUID(uuidString: x.id)!).first { $0.personId == p6Person.id }!.id
        }
        _ = try await t.recordAttendance(inst, session: UUID(uuidString: a.id)!, .init(day: "2024-10-08", entries: [.init(enrollmentId: try await entry(a), present: true)]))
        do {
            _ = try await t.recordAttendance(inst, session: UUID(uuidString: b.id)!, .init(day: "2024-10-08", entries: [.init(enrollmentId: try await entry(b), present: true)]))
            Issue.record("present in two classrooms on one day")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["present_elsewhere"])
        }
        // Absent there is fine.
        _ = try await t.recordAttendance(inst, session: UUID(uuidString: b.id)!, .init(day: "2024-10-08", entries: [.init(enrollmentId: try await entry(b), present: false)]))
    }
}
