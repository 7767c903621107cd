import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 13 through the service: a violation opens a retraining case and takes
/// the person off post (R-3V-2); 16 hours for a repeat (R-3V-4); back on post
/// only with the hours and a passed exam, which the database enforces too;
/// corrections supersede; R-CERT-6 counts the records.
@Suite("三违: violations, retraining cases, reinstatement (R-3V-2/4, R-CERT-6)")
struct ViolationServiceTests {
    static let retraining = BlueprintView(id: "retraining-fx", title: "再培训考试", kind: "retraining", bank: ExamFixture.bank.id,
                                          sections: [.init(type: "true_false", count: 10, points: 10)])

    func violation(_ fx: RegistryFixture, _ date: String, kind: String = "illegal_operation", supersedes: String? = nil) -> ViolationInput {
        ViolationInput(personId: fx.a.person.id, enterpriseId: fx.a.enterprise.id, occurredOn: date, kind: kind, place: "二号井口",
                       description: "未系安全带登高作业", evidence: "照片 IMG_0412", supersedes: supersedes)
    }

    func passExam(_ services: Services, _ fx: RegistryFixture, caseID: String) async throws {
        let key = Dictionary(ExamFixture.bank.questions.map { ($0.stem, $0.answer) }, uniquingKeysWith: { a, _ in a })
        let view = try await services.exams.start(fx.admin, .init(blueprintId: Self.retraining.id, purpose: "retraining_case", subjectId: caseID,
                                                                  personId: fx.a.person.id), client: .init(address: nil, userAgent: nil))
        _ = try await services.exams.answer(.call(fx.admin), id: UUID(uuidString: view.id)!, AnswerInput(answers: view.items.map { item in
            guard case .truth(let t)? = key[item.stem] else { return .init(position: item.position) }
            return .init(position: item.position, truth: t)
        }))
        let done = try await services.exams.submit(.call(fx.admin), id: UUID(uuidString: view.id)!)
        #expect(done.passed == true)
    }

    @Test("R-3V-2: off post from the violation; the work check names the case; back only with hours and an exam passed after it")
    func offPostAndBack() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, Self.retraining)
        let person = UUID(uuidString: fx.a.person.id)!
        _ = try await services.certificates.register(fx.a.regulator, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2024-03-01"))
        let today = CivilDate.today(at: Date())
        #expect(try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2").allowed)
        let opened = try await services.violations.record(fx.a.enterpriseUser, violation(fx, today.adding(days: -3).description))
        #expect(opened.status == "open" && opened.requiredHours == 8 && opened.foundBy == "enterprise" && opened.missing.count == 2)
        let check = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2")
        #expect(!check.allowed && check.reasons.first?.rule == "R-3V-2" && check.reasons.first?.message.contains(opened.id) == true)
        // Before the violation the person could work: the check is for the date asked.
        #expect(try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: today.adding(days: -4)).allowed)
        let id = UUID(uuidString: opened.id)!
        do {
            _ = try await services.violations.reinstate(fx.a.enterpriseUser, id: id, .init(date: today.description))
            Issue.record("reinstated without hours or exam")
        } catch ServiceError.conflict(let code, _, let message) {
            #expect(code == "reinstatement_refused" && message.zh.contains("R-3V-4") && message.zh.contains("R-3V-2"))
        }
        _ = try await services.violations.addHours(fx.a.enterpriseUser, id: id, .init(date: today.adding(days: -2).description, hours: 4, trainer: "安全科"))
        let hours = try await services.violations.addHours(fx.a.enterpriseUser, id: id, .init(date: today.adding(days: -1).description, hours: 4))
        #expect(hours.recordedHours == 8 && hours.missing.count == 1)
        await #expect(throws: ServiceError.self) { try await services.violations.reinstate(fx.a.enterpriseUser, id: id, .init(date: today.description)) }
        try await passExam(services, fx, caseID: opened.id)
        let back = try await services.violations.reinstate(fx.a.enterpriseUser, id: id, .init(date: today.description))
        #expect(back.status == "reinstated" && back.closedOn == today.description)
        #expect(try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2").allowed)
        // A repeat within 12 months needs 16 hours (R-3V-4).
        let second = try await services.violations.record(fx.a.regulator, violation(fx, today.description, kind: "labor_discipline"))
        #expect(second.requiredHours == 16 && second.foundBy == "regulator")
    }

    @Test("the database refuses a reinstatement without hours and a passed exam, whatever path writes it")
    func databaseGuard() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let opened = try await services.violations.record(fx.a.enterpriseUser, violation(fx, CivilDate.today(at: Date()).description))
        let id = UUID(uuidString: opened.id)!
        await #expect(throws: StoreError.self) {
            try await services.pool.withConnection { conn in
                try conn.query("UPDATE retraining_cases SET status = 'reinstated' WHERE id = \(id)")
            }
        }
        await #expect(throws: StoreError.self) {
            try await services.pool.withConnection { conn in
                try conn.query("INSERT INTO retraining_hours (case_id, trained_on, hours, recorded_by) VALUES (\(id), current_date, 8, 'sql')")
                try conn.query("UPDATE retraining_cases SET status = 'reinstated' WHERE id = \(id)")  // hours, but no exam
            }
        }
        await #expect(throws: StoreError.self) {
            try await services.pool.withConnection { conn in
                try conn.query("""
                    INSERT INTO retraining_cases (violation_id, person_id, enterprise_id, opened_on, required_hours, status)
                    SELECT violation_id, person_id, enterprise_id, opened_on, 8, 'reinstated' FROM retraining_cases WHERE id = \(id)
                    """)
            }
        }
        #expect(try await services.violations.get(fx.admin, id: id).status == "open")
    }

    @Test("corrections supersede (the old case void, hours carried); tenants see and record only their own; R-CERT-6 counts the records")
    func correctionsTenantsAndReviews() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let today = CivilDate.today(at: Date())
        let first = try await services.violations.record(fx.a.enterpriseUser, violation(fx, today.adding(days: -10).description))
        _ = try await services.violations.addHours(fx.a.enterpriseUser, id: UUID(uuidString: first.id)!, .init(date: today.adding(days: -9).description, hours: 3))
        let corrected = try await services.violations.record(fx.a.enterpriseUser, violation(fx, today.adding(days: -11).description, kind: "illegal_command",
                                                                                              supersedes: first.violationId))
        #expect(corrected.kind == "illegal_command" && corrected.recordedHours == 3 && corrected.requiredHours == 8)  // not a repeat of itself
        #expect(try await services.violations.get(fx.admin, id: UUID(uuidString: first.id)!).status == "void")
        await #expect(throws: ServiceError.self) {  // a record is corrected once
            try await services.violations.record(fx.a.enterpriseUser, violation(fx, today.description, supersedes: first.violationId))
        }
        // Tenant B: nothing of A's, neither to read nor to write.
        for caller in [fx.b.enterpriseUser, fx.b.regulator, fx.b.institutionUser] {
            await #expect(throws: ServiceError.self) { try await services.violations.get(caller, id: UUID(uuidString: corrected.id)!) }
            #expect(try await services.violations.cases(caller, status: nil, personID: nil, enterpriseID: nil, limit: 50, offset: 0).isEmpty)
        }
        await #expect(throws: ServiceError.self) { try await services.violations.record(fx.b.enterpriseUser, violation(fx, today.description)) }
        await #expect(throws: ServiceError.self) { try await services.violations.record(fx.a.institutionUser, violation(fx, today.description)) }
        // R-CERT-6: two verified violations within the validity refuse a passed review.
        let cert = try await services.certificates.register(fx.a.regulator, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: today.adding(years: -3).adding(days: 20).description))
        _ = try await services.violations.record(fx.a.enterpriseUser, violation(fx, today.adding(days: -5).description, kind: "labor_discipline"))
        let view = try await services.certificates.get(fx.admin, id: UUID(uuidString: cert.certificate.id)!)
        #expect(view.certificate.violations == 2)  // the corrected record once, the second one; the superseded one not
        do {
            _ = try await services.certificates.review(fx.a.regulator, id: UUID(uuidString: cert.certificate.id)!,
                                                       .init(date: today.description, trainingHours: 8, passed: true))
            Issue.record("a review passed despite two violations")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code).contains("review_refused_r_cert_6"))
        }
    }
}
