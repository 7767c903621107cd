import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §3 (R-WAVE-3, S2 §27, S4 §27): observers are people — regulator
/// staff linked to their authority — so the three-year coverage of
/// supervisory staff can be counted.
@Suite("Supervisory staff observe sessions and are counted (R-WAVE-3)")
struct SupervisoryStaffTests {
    @Test("a registered staff member observes a session; the region's three-year coverage counts them, never the wave's")
    func observersCounted() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let fx = s.fx
        func staff(_ seq: Int, _ name: String, region: String = "140825") async throws -> SupervisoryStaff {
            try await t.addSupervisoryStaff(fx.a.regulator, .init(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1982-03-03", sequence: seq), name: name,
                authority: "新绛县应急管理局", regionCode: region, startDate: "2023-01-01"))
        }
        let officer = try await staff(401, "执法人员甲")
        let other = try await staff(402, "执法人员乙")
        #expect(officer.documentMasked.contains("****") && officer.sessionsObserved == 0)
        // A regulator registers staff only in its own region; enterprises not at all.
        await #expect(throws: ServiceError.self) {
            try await t.addSupervisoryStaff(fx.a.regulator, .init(documentNumber: Synthetic.residentID(region: "141124", birth: "1982-03-03", sequence: 403),
                                                                 name: "外县", authority: "临县应急管理局", regionCode: "141124", startDate: "2023-01-01"))
        }
        await #expect(throws: ServiceError.forbidden) {
            try await t.addSupervisoryStaff(fx.a.enterpriseUser, .init(documentNumber: "x", name: "x", authority: "x", regionCode: "140825", startDate: "2023-01-01"))
        }
        // The officer observes a completed session (present on its days).
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let inst = fx.a.institutionUser
        let session = try await s.session(county, start: "2024-05-06", end: "2024-05-08")
        let sid = UUID(uuidString: session.id)!
        _ = try await s.enroll(session, "P1")
        let observer = try await t.enroll(inst, session: sid, .init(observerStaffId: officer.id))
        #expect(observer.observer && observer.personId == officer.personId && observer.organisation == "新绛县应急管理局")
        _ = try await t.moveSession(inst, id: sid, to: "in_progress", reason: nil)
        let roster = try await t.roster(inst, session: sid)
        for day in ["2024-05-06", "2024-05-07", "2024-05-08"] {
            _ = try await t.recordAttendance(inst, session: sid, .init(day: day, entries: roster.map { .init(enrollmentId: $0.id, present: true) }))
        }
        _ = try await t.moveSession(inst, id: sid, to: "completed", reason: nil)
        let report = try await t.supervisoryCoverage(fx.a.regulator, region: nil)
        #expect(report.staff == 2 && report.covered == 1 && report.rate == 0.5)
        #expect(report.people.first { $0.id == officer.id }?.sessionsObserved == 1)
        #expect(report.people.first { $0.id == other.id }?.sessionsObserved == 0)
        // Observers never count for the wave's own coverage: P1 is the only completion.
        let q = CoverageQuery(region: nil, year: 2024, wave: UUID(uuidString: county.id), asOf: CivilDate(iso: "2024-12-31")!)
        #expect(try await t.coverage(fx.a.regulator, q).waves.first?.figures.completed == 1)
        // Another county's regulator sees none of them.
        #expect(try await t.supervisoryCoverage(fx.b.regulator, region: nil).staff == 0)
    }
}
