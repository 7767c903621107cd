import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 12: a session that ends in an exam, proctored with one-time codes,
/// and the anti-fraud report.
@Suite("Exams: proctored rooms, sessions ending in an exam, anti-fraud")
struct ExamRoomTests {
    static let blueprint = BlueprintView(id: "session-exam", title: "结业考试", kind: "training", bank: ExamFixture.bank.id,
                                         sections: [.init(type: "true_false", count: 10, points: 10)], passMark: 80)

    func rightAnswers(_ view: AttemptView) -> AnswerInput {
        let key = Dictionary(ExamFixture.bank.questions.map { ($0.stem, $0.answer) }, uniquingKeysWith: { a, _ in a })
        return AnswerInput(answers: view.items.map { item in
            guard case .truth(let t)? = key[item.stem] else { return .init(position: item.position) }
            return .init(position: item.position, truth: t)
        })
    }

    @Test("a session ending in an exam completes only those who passed it; a proctor's one-time code opens one attempt for one candidate")
    func sessionExam() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        try await ExamFixture.install(s.services, s.fx.admin)
        _ = try await s.services.blueprints.save(s.fx.admin, Self.blueprint)
        let county = try await s.wave("140825", 2024, "non_coal_mine")
        let inst = s.fx.a.institutionUser
        await #expect(throws: ServiceError.self) {  // an unknown blueprint is refused
            try await t.registerSession(inst, .init(waveId: county.id, kind: "main", venue: "县党校", regionCode: "140825", startDate: "2024-05-06",
                                                    endDate: "2024-05-08", hoursPerDay: 8, capacity: 30, modules: TrainingModule.allCases.map(\.rawValue),
                                                    examBlueprintId: "no-such"))
        }
        let session = try await t.registerSession(inst, .init(
            waveId: county.id, kind: "main", venue: "县党校", regionCode: "140825", startDate: "2024-05-06", endDate: "2024-05-08",
            hoursPerDay: 8, capacity: 30, modules: TrainingModule.allCases.map(\.rawValue), examBlueprintId: Self.blueprint.id))
        #expect(session.examBlueprintId == Self.blueprint.id)
        let sid = UUID(uuidString: session.id)!
        _ = try await s.enroll(session, "P1")
        _ = try await s.enroll(session, "P2")
        _ = try await t.moveSession(inst, id: sid, to: "in_progress", reason: nil)
        let roster = try await t.roster(inst, session: sid)
        for day in ["2024-05-06", "2024-05-07", "2024-05-08"] {
            _ = try await t.recordAttendance(inst, session: sid, .init(day: day, entries: roster.map { .init(enrollmentId: $0.id, present: true) }))
        }
        // Codes for the room: only people enrolled with the institution; another institution gets nothing.
        let codes = try await s.services.exams.issueCodes(inst, .init(blueprintId: Self.blueprint.id, purpose: "training_session", subjectId: session.id,
                                                                     personIds: [s.people["P1"]!.id]))
        #expect(codes.codes.count == 1 && codes.codes[0].code.count == 12)
        await #expect(throws: ServiceError.self) {
            try await s.services.exams.issueCodes(s.fx.b.institutionUser, .init(blueprintId: Self.blueprint.id, purpose: "training_session",
                                                                               subjectId: session.id, personIds: [s.people["P1"]!.id]))
        }
        let client = ExamService.Client(address: "10.1.1.1", userAgent: "考场终端")
        let started = try await s.services.exams.start(code: codes.codes[0].code, requestID: "r1", client: client)
        let key = try #require(started.attemptKey)
        #expect(started.personId == s.people["P1"]!.id)
        await #expect(throws: ServiceError.self) { try await s.services.exams.start(code: codes.codes[0].code, requestID: "r2", client: client) }
        await #expect(throws: ServiceError.self) { try await s.services.exams.get(.key("wrong-key", requestID: "r3"), id: UUID(uuidString: started.id)!) }
        _ = try await s.services.exams.answer(.key(key, requestID: "r4"), id: UUID(uuidString: started.id)!, rightAnswers(started))
        let done = try await s.services.exams.submit(.key(key, requestID: "r5"), id: UUID(uuidString: started.id)!)
        #expect(done.passed == true)
        _ = try await t.moveSession(inst, id: sid, to: "completed", reason: nil)
        let after = try await t.roster(inst, session: sid)
        #expect(after.first { $0.personId == s.people["P1"]!.id }?.status == "completed")
        #expect(after.first { $0.personId == s.people["P2"]!.id }?.status == "not_completed")  // attended, no exam passed
    }

    @Test("anti-fraud: five candidates from one address within the hour, and attempts finished implausibly fast")
    func fraud() async throws {
        let s = try await TrainingScenario.make()
        try await ExamFixture.install(s.services, s.fx.admin)
        _ = try await s.services.blueprints.save(s.fx.admin, Self.blueprint)
        for name in ["P1", "P2", "P3", "P4", "P5"] {
            let view = try await s.services.exams.start(s.fx.admin, .init(blueprintId: Self.blueprint.id, purpose: "practice", personId: s.people[name]!.id),
                                                        client: .init(address: "10.9.9.9", userAgent: "t"))
            _ = try await s.services.exams.submit(.call(s.fx.admin), id: UUID(uuidString: view.id)!)
        }
        let report = try await s.services.exams.fraudReport(s.fx.admin, from: Date().addingTimeInterval(-3_600), to: Date().addingTimeInterval(60))
        let shared = report.filter { $0.kind == "shared_address" }
        #expect(shared.count == 1 && shared[0].clientAddress == "10.9.9.9" && shared[0].candidates == 5)
        #expect(report.count { $0.kind == "too_fast" } == 5)
        // Enterprises do not read it; a regulator of another province sees none of these people.
        await #expect(throws: ServiceError.self) { try await s.services.exams.fraudReport(s.fx.a.enterpriseUser, from: Date(), to: Date()) }
        let other = try await s.services.exams.fraudReport(s.fx.b.regulator, from: Date().addingTimeInterval(-3_600), to: Date().addingTimeInterval(60))
        #expect(other.isEmpty)
    }
}

@Suite("Exams: management-competence certificates rest on a passed exam (R-CERT-11)")
struct ManagementExamTests {
    @Test("R-CERT-11: a certificate names the passed exam it is issued on; a failed, foreign or mismatched exam is refused")
    func issuedOnAPass() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, BlueprintView(
            id: "mgmt", title: "管理能力考核", kind: "management_competence", bank: ExamFixture.bank.id,
            sections: [.init(type: "true_false", count: 10, points: 10)], retakes: 2))
        let today = CivilDate.today(at: Date()).description
        let failed = try await services.exams.recordPaperResults(fx.admin, .init(blueprintId: "mgmt", purpose: "management_certificate", date: today,
                                                                                rows: [.init(personId: fx.a.person.id, score: 60)]))
        let passed = try await services.exams.recordPaperResults(fx.admin, .init(blueprintId: "mgmt", purpose: "management_certificate", date: today,
                                                                                rows: [.init(personId: fx.a.person.id, score: 90)]))
        let other = try await services.exams.recordPaperResults(fx.admin, .init(blueprintId: "mgmt", purpose: "management_certificate", date: today,
                                                                               rows: [.init(personId: fx.b.person.id, score: 95)]))
        func input(_ attempt: String, score: Int) -> ManagementCertificateInput {
            ManagementCertificateInput(personId: fx.a.person.id, holderRole: "principal", sectorCode: "non_coal_mine", number: "GL-\(score)-\(attempt.prefix(4))",
                                       issuingAuthority: "运城市应急管理局", issuedOn: today, examScore: score, examAttemptId: attempt)
        }
        for (attempt, score, code) in [(failed.attemptIds[0], 60, "exam_not_passed"), (other.attemptIds[0], 95, "unknown_attempt"),
                                       (passed.attemptIds[0], 85, "score_mismatch")] {
            do {
                _ = try await services.certificates.registerManagement(fx.admin, input(attempt, score: score))
                Issue.record("accepted \(code)")
            } catch ServiceError.validation(let errors) {
                #expect(errors.map(\.code).contains(code) || errors.map(\.code).contains("exam_not_passed"))
            }
        }
        let view = try await services.certificates.registerManagement(fx.admin, input(passed.attemptIds[0], score: 90))
        #expect(view.certificate.examScore == 90)
    }
}
