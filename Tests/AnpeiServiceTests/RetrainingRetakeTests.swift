import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// R-3V-4 through the service: one retake of the retraining exam; after a
/// second fail the person retrains again (more hours) before a new round.
@Suite("三违 retraining exam: one retake, then retraining again (R-3V-4)")
struct RetrainingRetakeTests {
    @Test("on paper: fail, fail, refused; hours recorded open a new round; a pass then reinstates")
    func retake() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, ViolationServiceTests.retraining)
        let today = CivilDate.today(at: clock.now).description
        let threeDaysAgo = CivilDate.today(at: clock.now).adding(days: -3)
        let opened = try await services.violations.record(fx.a.enterpriseUser, ViolationInput(
            personId: fx.a.person.id, enterpriseId: fx.a.enterprise.id, occurredOn: threeDaysAgo.description, kind: "labor_discipline"))
        let id = UUID(uuidString: opened.id)!
        _ = try await services.violations.addHours(fx.a.enterpriseUser, id: id, .init(date: today, hours: 8))
        func sheet(_ score: Double) -> PaperResultInput {
            PaperResultInput(blueprintId: ViolationServiceTests.retraining.id, purpose: "retraining_case", date: today,
                             rows: [.init(personId: fx.a.person.id, subjectId: opened.id, score: score)])
        }
        clock.advance(by: 60)
        _ = try await services.exams.recordPaperResults(fx.admin, sheet(40))
        clock.advance(by: 60)
        _ = try await services.exams.recordPaperResults(fx.admin, sheet(50))  // the one retake
        clock.advance(by: 60)
        do {
            _ = try await services.exams.recordPaperResults(fx.admin, sheet(100))
            Issue.record("a third attempt without retraining was accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["attempt_not_allowed"] && errors.first?.message.zh.contains("R-CERT-9") == true)
        }
        await #expect(throws: ServiceError.self) { try await services.violations.reinstate(fx.a.enterpriseUser, id: id, .init(date: today)) }
        // Retraining again: more hours, then a new round of attempts.
        _ = try await services.violations.addHours(fx.a.enterpriseUser, id: id, .init(date: today, hours: 4, trainer: "安全科"))
        clock.advance(by: 60)
        _ = try await services.exams.recordPaperResults(fx.admin, sheet(100))
        let back = try await services.violations.reinstate(fx.a.enterpriseUser, id: id, .init(date: today))
        #expect(back.status == "reinstated" && back.recordedHours == 12)
        // The enterprise's report for a date lists who was off post then: yesterday this person, today nobody.
        let enterprise = UUID(uuidString: fx.a.enterprise.id)!
        let yesterday = try await services.safetyReports.enterprise(fx.a.enterpriseUser, id: enterprise, on: CivilDate.today(at: clock.now).adding(days: -1))
        #expect(yesterday.openCases.map(\.id) == [opened.id])
        #expect(try await services.safetyReports.enterprise(fx.a.enterpriseUser, id: enterprise, on: nil).openCases.isEmpty)
    }
}
