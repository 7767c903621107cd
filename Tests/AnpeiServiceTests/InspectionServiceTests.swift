import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// 逢查必考 (R-3V-3): an inspector examines workers on the spot; a fail opens a
/// retraining case exactly like a violation; regulators see the figures per enterprise.
@Suite("逢查必考: inspections, spot exams, the regulators' figures (R-3V-3)")
struct InspectionServiceTests {
    static let spot = BlueprintView(id: "spot-fx", title: "现场考试", kind: "spot_check", bank: ExamFixture.bank.id,
                                    sections: [.init(type: "true_false", count: 10, points: 10)])

    @Test("a failed spot exam (online or on paper) opens a case and takes the worker off post; a pass opens none; the report counts both")
    func spotExams() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, Self.spot)
        let today = CivilDate.today(at: Date()).description
        let inspection = try await services.inspections.create(fx.a.regulator, .init(enterpriseId: fx.a.enterprise.id, date: today, note: "矿山专项检查"))
        #expect(inspection.examined == 0 && inspection.inspector == "fx-reg-a")
        // Another region's regulator can neither see the inspection nor examine there.
        await #expect(throws: ServiceError.self) { try await services.inspections.get(fx.b.regulator, id: UUID(uuidString: inspection.id)!) }
        await #expect(throws: ServiceError.self) {
            try await services.inspections.create(fx.b.regulator, .init(enterpriseId: fx.a.enterprise.id, date: today))
        }
        await #expect(throws: ServiceError.self) {
            try await services.exams.start(fx.b.regulator, .init(blueprintId: Self.spot.id, purpose: "spot_check", subjectId: inspection.id,
                                                                 personId: fx.a.person.id), client: .init(address: nil, userAgent: nil))
        }
        // The inspector examines the worker on their own device and the worker fails (no answers).
        let attempt = try await services.exams.start(fx.a.regulator, .init(blueprintId: Self.spot.id, purpose: "spot_check", subjectId: inspection.id,
                                                                         personId: fx.a.person.id), client: .init(address: "10.2.2.2", userAgent: "执法终端"))
        let done = try await services.exams.submit(.call(fx.admin), id: UUID(uuidString: attempt.id)!)
        #expect(done.passed == false)
        let cases = try await services.violations.cases(fx.a.enterpriseUser, status: "open", personID: fx.a.person.id, enterpriseID: nil, limit: 10, offset: 0)
        #expect(cases.count == 1 && cases[0].kind == "spot_exam_failed" && cases[0].foundBy == "regulator" && cases[0].requiredHours == 8)
        let check = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: UUID(uuidString: fx.a.person.id)!, itemCode: "1.2")
        #expect(!check.allowed && check.reasons.first?.rule == "R-3V-2" && check.reasons.first?.message.contains("逢查必考") == true)
        // A regulator may not use the spot-check door for other purposes.
        await #expect(throws: ServiceError.self) {
            try await services.exams.start(fx.a.regulator, .init(blueprintId: Self.spot.id, purpose: "practice", personId: fx.a.person.id),
                                           client: .init(address: nil, userAgent: nil))
        }
        // A paper score sheet: a pass opens nothing (the worker's retake on the same inspection).
        let paper = try await services.exams.recordPaperResults(fx.a.regulator, .init(blueprintId: Self.spot.id, purpose: "spot_check", date: today,
                                                                                     rows: [.init(personId: fx.a.person.id, subjectId: inspection.id, score: 90)]))
        #expect(paper.passed == 1)
        #expect(try await services.violations.cases(fx.admin, status: nil, personID: fx.a.person.id, enterpriseID: nil, limit: 10, offset: 0).count == 1)
        let after = try await services.inspections.get(fx.a.regulator, id: UUID(uuidString: inspection.id)!)
        #expect(after.examined == 1 && after.passed == 1 && after.casesOpened == 1)
        let report = try await services.inspections.report(fx.a.regulator, region: nil, from: nil, to: nil)
        #expect(report.rows.count == 1 && report.rows[0].examined == 1 && report.rows[0].casesOpened == 1 && report.rows[0].casesOverdue == 0)
        let other = try await services.inspections.report(fx.b.regulator, region: nil, from: nil, to: nil)
        #expect(other.rows.isEmpty)
        await #expect(throws: ServiceError.self) { try await services.inspections.report(fx.b.regulator, region: "140825", from: nil, to: nil) }
        await #expect(throws: ServiceError.self) { try await services.inspections.report(fx.a.enterpriseUser, region: nil, from: nil, to: nil) }
    }
}
