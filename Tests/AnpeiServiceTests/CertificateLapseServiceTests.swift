import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §2 through the service: refused reviews and lapses (R-CERT-13),
/// off post from the employment history (R-CERT-8), revocation cancels
/// (R-CERT-14), and rule sets with catalogues added as data.
@Suite("Certificates: lapses, practical re-exams, rule sets as data")
struct CertificateLapseServiceTests {
    func iso(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test("R-CERT-6/13: a refused review leaves one retest; a second failure lapses the certificate and nothing revives it")
    func refusedAndRetested() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2023-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let person = UUID(uuidString: fx.a.person.id)!
        let cert = try await services.certificates.register(fx.a.regulator, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2020-03-15"))
        let id = UUID(uuidString: cert.certificate.id)!
        // A ground on a pass, or an unknown ground, is the caller's error.
        for input in [ReviewInput(date: "2023-02-01", trainingHours: 8, passed: true, ground: "safety_penalty"),
                      ReviewInput(date: "2023-02-01", trainingHours: 8, passed: false, ground: "bad_luck")] {
            do {
                _ = try await services.certificates.review(fx.a.regulator, id: id, input)
                Issue.record("accepted \(input)")
            } catch ServiceError.validation(let errors) {
                #expect(errors.map(\.field) == ["ground"])
            }
        }
        let refused = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-02-01", trainingHours: 8, passed: false))
        #expect(refused.certificate.reviews.first?.ground == "training_or_exam_failed")
        let check = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2023-02-02"))
        #expect(!check.allowed && check.reasons.contains { $0.rule == "R-CERT-6" })
        let failedAgain = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-03-01", trainingHours: 8, passed: false))
        #expect(failedAgain.certificate.reviews.count == 2)
        let lapsed = try await services.certificates.get(fx.a.regulator, id: id, on: iso("2023-03-01"))
        #expect(lapsed.status.state == .lapsed && !lapsed.status.mayWork)
        do {
            _ = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-03-10", trainingHours: 8, passed: true))
            Issue.record("a lapsed certificate was reviewed")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["review_refused_r_cert_13"])
        }
        #expect(try await !services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2023-05-01")).allowed)
    }

    @Test("R-CERT-8: a six-month gap between employments needs a practical re-exam; a new employment does not clear it, a passed exam does")
    func offPostFromHistory() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2025-10-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let worker = try await services.people.create(fx.admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: "140825", birth: "1986-02-02", sequence: 81), name: "焊工乙",
            employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: [.specialOperations], employmentType: .regular,
                                        post: "焊工", hazardousPost: false, startDate: "2023-06-01", endDate: "2024-12-31")))
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: worker.id, itemCode: "2.1", issuingAuthority: "运城市应急管理局", firstIssued: "2023-05-01"))
        let id = UUID(uuidString: cert.certificate.id)!
        // Back on a special-operations post on 2025-08-01, seven months after leaving.
        _ = try await services.people.addEmployment(fx.admin, personID: UUID(uuidString: worker.id)!, EmploymentInput(
            enterpriseId: fx.a.enterprise.id, roles: [.specialOperations], employmentType: .regular, post: "焊工",
            hazardousPost: false, startDate: "2025-08-01", endDate: nil))
        let back = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: UUID(uuidString: worker.id)!, itemCode: "2.1")
        #expect(!back.allowed && back.reasons.contains { $0.rule == "R-CERT-8" })
        // Judged for the date asked: in 2024 the holder was on post.
        #expect(try await services.certificates.get(fx.admin, id: id, on: iso("2024-10-01")).status.mayWork)
        // A failed exam changes nothing; a passed one clears the gap.
        _ = try await services.certificates.recordPracticalExam(fx.admin, id: id, .init(date: "2025-09-01", passed: false, examiner: "运城市特种作业考试中心"))
        #expect(try await services.certificates.get(fx.admin, id: id).status.state == .needsPracticalExam)
        let cleared = try await services.certificates.recordPracticalExam(fx.admin, id: id, .init(date: "2025-09-15", passed: true, examiner: "运城市特种作业考试中心"))
        #expect(cleared.status.state == .valid && cleared.certificate.practicalExams == ["2025-09-15"])
        #expect(cleared.certificate.posts.count == 2)
        // Enterprises may not record exams; a future date is refused.
        await #expect(throws: ServiceError.forbidden) {
            try await services.certificates.recordPracticalExam(fx.a.enterpriseUser, id: id, .init(date: "2025-09-15", passed: true, examiner: "x"))
        }
        await #expect(throws: ServiceError.self) {
            try await services.certificates.recordPracticalExam(fx.admin, id: id, .init(date: "2025-10-02", passed: true, examiner: "x"))
        }
    }

    @Test("R-CERT-14: a revoked certificate is cancelled (cause revoked) and revoked once")
    func revokedIsCancelled() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2024-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "局", firstIssued: "2022-03-15"))
        let id = UUID(uuidString: cert.certificate.id)!
        let revoked = try await services.certificates.end(fx.admin, id: id, revoke: true, .init(date: "2024-05-01", reason: "事故责任", cause: "accident_responsibility"))
        #expect(revoked.certificate.revokedOn == "2024-05-01" && revoked.certificate.cancelledOn == "2024-05-01")
        #expect(revoked.certificate.cancelledCause == "revoked" && revoked.certificate.revokedCause == "accident_responsibility")
        #expect(revoked.status.state == .revoked && !revoked.status.mayWork)
        await #expect(throws: ServiceError.self) {
            try await services.certificates.end(fx.admin, id: id, revoke: true, .init(date: "2024-05-02", reason: "再次", cause: "no_longer_fit"))
        }
        await #expect(throws: ServiceError.self) {
            try await services.certificates.end(fx.admin, id: id, revoke: false, .init(date: "2024-05-02", reason: "再次", cause: "own_request"))
        }
    }

    @Test("rule sets and catalogues are data: an admin adds a successor and certificates issued under it use its catalogue at once")
    func ruleSetAdded() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2026-11-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        // Warm the cache first, so the test fails if the addition is not seen at once.
        #expect(try await services.certificates.ruleSets(fx.admin).map(\.id) == ["MEM-30"])
        _ = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "局", firstIssued: "2025-01-10"))
        let input = RuleSetInput(
            rules: .init(id: "TEST-19", name: "后继规则（测试）", effectiveFrom: "2026-06-01", validityYears: 6, reviewIntervalYears: 3,
                         extendedReviewIntervalYears: 6, extensionMinYearsInTrade: 10, reviewWindowDays: 90, minReviewTrainingHours: 8,
                         blockingViolations: 2, offPostMonthsForPracticalExam: 6, managementValidityYears: 3, managementRenewalWindowDays: 60,
                         managementPassScore: 80, retestGraceDays: 0, catalogueVersion: "TEST-19"),
            catalogue: .init(version: "TEST-19", name: "测试目录", categories: [.init(code: "1", name: "电工作业")],
                             items: [.init(code: "1.4", name: "新能源电工作业")]))
        await #expect(throws: ServiceError.forbidden) { try await services.certificates.addRuleSet(fx.a.regulator, input) }
        let added = try await services.certificates.addRuleSet(fx.admin, input)
        #expect(added.catalogueVersion == "TEST-19" && added.reviewWindowDays == 90)
        // Issued under the successor: its catalogue, its 90-day window.
        let person2 = try await services.people.create(fx.admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: "140825", birth: "1990-03-03", sequence: 91), name: "电工丙",
            employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: [.specialOperations], employmentType: .regular,
                                        post: "电工", hazardousPost: false, startDate: "2026-01-01", endDate: nil)))
        let newer = try await services.certificates.register(fx.admin, CertificateInput(
            personId: person2.id, itemCode: "1.4", issuingAuthority: "局", firstIssued: "2026-07-01"))
        #expect(newer.certificate.catalogueVersion == "TEST-19" && newer.status.ruleSet == "TEST-19")
        let window = try await services.certificates.get(fx.admin, id: UUID(uuidString: newer.certificate.id)!, on: iso("2029-04-02"))
        #expect(window.status.state == .reviewWindowOpen)  // 90 days before 2029-07-01
        // 1.4 is not an item of MEM-30: an earlier issue date is refused for it.
        await #expect(throws: ServiceError.self) {
            try await services.certificates.register(fx.admin, CertificateInput(
                personId: person2.id, itemCode: "1.4", number: "X-1", issuingAuthority: "局", firstIssued: "2026-05-01"))
        }
        // The same id or effective date again is a conflict; nonsense numbers are refused.
        await #expect(throws: ServiceError.self) { try await services.certificates.addRuleSet(fx.admin, input) }
        var bad = input
        bad.rules.id = "BAD"
        bad.rules.effectiveFrom = "2027-01-01"
        bad.rules.validityYears = 0
        bad.catalogue = nil
        do {
            _ = try await services.certificates.addRuleSet(fx.admin, bad)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.contains { $0.field == "validityYears" })
        }
        #expect(try await services.certificates.ruleSets(fx.admin).map(\.id) == ["MEM-30", "TEST-19"])
        // The catalogue list defaults to the rule set in force today.
        #expect(try await services.reference.specialOperations(fx.admin, on: iso("2026-11-01")).map(\.code) == ["1.4"])
        #expect(try await services.reference.specialOperations(fx.admin, on: iso("2026-01-01")).count > 40)
    }
}
