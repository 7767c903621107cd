import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §4 through the service: a new institution is pending until a
/// passed inspection; cleared-out is terminal; completions of a session whose
/// institution could not act on its dates do not count and are listed.
@Suite("Institutions: status on each event's date (R-INST-1, R-INST-2)")
struct InstitutionStandingServiceTests {
    @Test("R-INST-2: a new institution starts pending inspection and registers no session until an inspection passes")
    func pendingUntilInspected() async throws {
        let s = try await TrainingScenario.make()
        let created = try await s.services.institutions.create(s.fx.admin, InstitutionInput(
            creditCode: Synthetic.creditCode(division: "140825", serial: 140, kind: "52"), name: "新设培训学校",
            regionCode: "140825", trainingKinds: [.principal], specialOpCategories: []))
        #expect(created.status == .pendingInspection && !created.mayAct)
        #expect(created.fullInspection.statusAtDeadline == .pendingInspection && created.fullInspection.inspectedOn == nil)
        _ = try await s.services.users.create(s.fx.admin, .init(username: "new-inst", role: "institution", institutionId: created.id,
                                                                password: RegistryFixture.password))
        let user = try await RegistryFixture.call(s.services, "new-inst")
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let input = SessionInput(waveId: county.id, kind: "main", venue: "v", regionCode: "140825", startDate: "2024-05-06",
                                 endDate: "2024-05-08", hoursPerDay: 8, capacity: 10, modules: TrainingModule.allCases.map(\.rawValue))
        do {
            _ = try await s.services.training.registerSession(user, input)
            Issue.record("a pending institution registered a session")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["institution_may_not_act"] && errors[0].message.zh.contains("AQ 8011"))
        }
        // A failed inspection needs a deadline for rectifying; a rectify result with one makes it rectifying.
        let id = UUID(uuidString: created.id)!
        await #expect(throws: ServiceError.self) {
            try await s.services.institutions.addInspection(s.fx.admin, id: id, .init(inspectedOn: "2024-03-01", inspector: "省厅", result: "rectify"))
        }
        let rectifying = try await s.services.institutions.addInspection(s.fx.admin, id: id, .init(
            inspectedOn: "2024-03-01", inspector: "省厅", result: "rectify", rectifyDeadline: "2024-07-01"))
        #expect(rectifying.statusHistory.last?.status == .rectifying)
        let passed = try await s.services.institutions.addInspection(s.fx.admin, id: id, .init(inspectedOn: "2024-06-20", inspector: "省厅", result: "pass"))
        #expect(passed.status == .conforming && passed.mayAct)
        // The end-2024 full inspection as the regulator sees it.
        #expect(passed.fullInspection == .init(deadline: "2024-12-31", inspectedOn: "2024-06-20", result: "pass", statusAtDeadline: .conforming))
        _ = try await s.services.training.registerSession(user, input)
    }

    @Test("R-INST-2: cleared-out is terminal: no status change or inspection result undoes it")
    func clearedOutTerminal() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let id = UUID(uuidString: fx.a.institution.id)!
        let out = try await services.institutions.addInspection(fx.a.regulator, id: id, .init(inspectedOn: "2024-11-05", inspector: "县局", result: "fail"))
        #expect(out.status == .clearedOut && !out.mayAct)
        #expect(out.fullInspection.statusAtDeadline == .clearedOut && out.fullInspection.result == "fail")
        await #expect(throws: ServiceError.self) {
            try await services.institutions.setStatus(fx.admin, id: id, .init(status: .conforming, note: "复查通过"))
        }
        do {
            _ = try await services.institutions.addInspection(fx.admin, id: id, .init(inspectedOn: "2024-12-01", inspector: "省厅", result: "pass"))
            Issue.record("a cleared-out institution became conforming")
        } catch ServiceError.conflict(let code, _, _) {
            #expect(code == "institution_cleared_out")
        }
        #expect(try await services.institutions.get(fx.admin, id: id).status == .clearedOut)
    }

    @Test("R-INST-2: a session's completions do not count when its institution was cleared out by the end date; the regulator sees them")
    func uncountedCompletions() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let session = try await s.session(county, start: "2024-05-06", end: "2024-05-08")
        let sid = UUID(uuidString: session.id)!
        _ = try await s.enroll(session, "P1")
        let inst = s.fx.a.institutionUser
        _ = try await t.moveSession(inst, id: sid, to: "in_progress", reason: nil)
        let p1 = try await t.roster(inst, session: sid).first { $0.personId == s.people["P1"]!.id }!.id
        for day in ["2024-05-06", "2024-05-07", "2024-05-08"] {
            _ = try await t.recordAttendance(inst, session: sid, .init(day: day, entries: [.init(enrollmentId: p1, present: true)]))
        }
        _ = try await t.moveSession(inst, id: sid, to: "completed", reason: nil)
        let query = CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: county.id))
        #expect(try await t.coverage(s.fx.a.regulator, query).waves.first?.figures.completed == 1)
        #expect(try await t.uncountedCompletions(s.fx.a.regulator, region: nil).isEmpty)
        // The clear-out is recorded later, effective before the session ended.
        _ = try await s.services.institutions.setStatus(s.fx.admin, id: UUID(uuidString: s.fx.a.institution.id)!, .init(
            status: .clearedOut, effectiveDate: "2024-05-07", note: "检查发现不符合AQ 8011-2023"))
        #expect(try await t.coverage(s.fx.a.regulator, query).waves.first?.figures.completed == 0)
        let listed = try await t.uncountedCompletions(s.fx.a.regulator, region: nil)
        #expect(listed.map(\.name) == [s.people["P1"]!.name] && listed[0].reason.contains("R-INST-2") && listed[0].documentMasked.contains("****"))
        // The record itself stays (verifiable), and other regions see nothing; enterprises may not ask.
        #expect(try await t.uncountedCompletions(s.fx.b.regulator, region: nil).isEmpty)
        await #expect(throws: ServiceError.forbidden) { try await t.uncountedCompletions(s.fx.a.enterpriseUser, region: nil) }
    }
}
