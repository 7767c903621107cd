import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 12 through the service: versioned bank imports, papers, attempts with
/// a server-enforced time limit, one retake (R-CERT-9), the worker role, and the
/// item statistics in SQL against the DOMAIN.md test vector.
@Suite("Exams: banks, attempts, results, statistics")
struct ExamServiceTests {
    /// A worker account for the fixture's person of tenant a (or b).
    func worker(_ services: Services, _ fx: RegistryFixture, _ tenant: RegistryFixture.Tenant, _ name: String) async throws -> CallContext {
        let system = CallContext(principal: .system(operator: "test"), requestID: "t")
        let user = try await services.users.create(system, .init(username: name, role: "worker", personId: tenant.person.id,
                                                                 password: RegistryFixture.password))
        #expect(user.role == .worker && user.personId == tenant.person.id)
        return CallContext(principal: Principal(userID: UUID(uuidString: user.id)!, username: name, role: .worker,
                                                scope: .person(tenant.person.id), tokenDigest: nil), requestID: "t")
    }

    func practiceBlueprint(_ id: String, count: Int = 10, points: Double = 10, minutes: Int? = nil) -> BlueprintView {
        BlueprintView(id: id, title: "练习", kind: "training", bank: ExamFixture.bank.id, sections: [.init(type: "true_false", count: count, points: points)],
                      passMark: 60, timeLimitMinutes: minutes)
    }

    /// Answers every item right (or wrong) from the fixture's key.
    func answers(_ view: AttemptView, right: Bool) -> AnswerInput {
        let key = Dictionary(ExamFixture.bank.questions.map { ($0.stem, $0.answer) }, uniquingKeysWith: { a, _ in a })
        return AnswerInput(answers: view.items.map { item in
            guard case .truth(let t)? = key[item.stem] else { return .init(position: item.position, truth: nil) }
            return .init(position: item.position, truth: right ? t : !t)
        })
    }

    @Test("bank import is idempotent and versioned: a changed question is a new revision, and an attempt keeps the version it saw")
    func versionedImport() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let first = try await services.banks.importBank(fx.admin, ExamFixture.bank)
        #expect(first.newVersion && first.version == 1 && first.added == 10)
        let again = try await services.banks.importBank(fx.admin, ExamFixture.bank)
        #expect(!again.newVersion && again.version == 1 && again.unchanged == 10)
        _ = try await services.blueprints.save(fx.admin, practiceBlueprint("p1"))
        let me = try await worker(services, fx, fx.a, "worker-a")
        let open = try await services.exams.start(me, .init(blueprintId: "p1", purpose: "practice"), client: .init(address: "10.0.0.1", userAgent: "t"))
        #expect(open.items.count == 10 && open.status == "open" && open.secondsLeft != nil)
        var edited = ExamFixture.bank
        edited.questions[0].stem = "特种作业人员须经专门安全技术培训、考核合格并取得操作证后，方可上岗作业（修订）。"
        edited.questions.removeLast()
        let second = try await services.banks.importBank(fx.admin, edited)
        #expect(second.newVersion && second.version == 2 && second.revised == 1 && second.removed == 1 && second.unchanged == 8)
        // The open attempt still shows version 1's stem.
        let seen = try await services.exams.get(.call(me), id: UUID(uuidString: open.id)!)
        #expect(seen.items.contains { $0.stem == ExamFixture.bank.questions[0].stem })
        #expect(!seen.items.contains { $0.stem == edited.questions[0].stem })
        let exported = try await services.banks.export(fx.admin, id: ExamFixture.bank.id)
        #expect(exported.version == 2 && exported.questions == edited.questions)
        let v1 = try await services.banks.export(fx.admin, id: ExamFixture.bank.id, version: 1)
        #expect(v1.questions == ExamFixture.bank.questions)
        // Only owners manage banks: an enterprise may not import; an institution may not overwrite a national bank.
        await #expect(throws: ServiceError.self) { try await services.banks.importBank(fx.a.enterpriseUser, ExamFixture.bank) }
        await #expect(throws: ServiceError.self) { try await services.banks.importBank(fx.a.institutionUser, edited) }
        // A bank with lint errors is refused whole.
        var broken = ExamFixture.bank
        broken.id = "broken"
        broken.questions[1].source.law = " "
        do {
            _ = try await services.banks.importBank(fx.admin, broken)
            Issue.record("a bank with lint errors was imported")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["missing_source"])
        }
    }

    @Test("a worker takes an exam: answers never shown, saved as they go, graded on submit; one attempt at a time; passed once")
    func workerAttempt() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, practiceBlueprint("p1"))
        let me = try await worker(services, fx, fx.a, "worker-a")
        let other = try await worker(services, fx, fx.b, "worker-b")
        let view = try await services.exams.start(me, .init(blueprintId: "p1", purpose: "practice"), client: .init(address: "10.0.0.1", userAgent: "t"))
        await #expect(throws: ServiceError.self) {  // one active attempt per person and exam
            try await services.exams.start(me, .init(blueprintId: "p1", purpose: "practice"), client: .init(address: nil, userAgent: nil))
        }
        // A worker starts only for themself; other tenants see nothing of it.
        await #expect(throws: ServiceError.self) {
            try await services.exams.start(me, .init(blueprintId: "p1", purpose: "practice", personId: fx.b.person.id), client: .init(address: nil, userAgent: nil))
        }
        let id = UUID(uuidString: view.id)!
        for caller in [other, fx.b.enterpriseUser, fx.b.regulator] {
            await #expect(throws: ServiceError.self) { try await services.exams.get(.call(caller), id: id) }
        }
        // The enterprise may look, not answer.
        _ = try await services.exams.get(.call(fx.a.enterpriseUser), id: id)
        await #expect(throws: ServiceError.self) { try await services.exams.submit(.call(fx.a.enterpriseUser), id: id) }
        let saved = try await services.exams.answer(.call(me), id: id, answers(view, right: true))
        #expect(saved.items.allSatisfy { $0.truth != nil && $0.earned == nil } && saved.score == nil)
        let done = try await services.exams.submit(.call(me), id: id)
        #expect(done.status == "submitted" && done.score == 100 && done.passed == true && !done.autoSubmitted)
        #expect(done.items.allSatisfy { $0.earned == 10 })
        await #expect(throws: ServiceError.self) { try await services.exams.answer(.call(me), id: id, answers(view, right: false)) }
        do {
            _ = try await services.exams.start(me, .init(blueprintId: "p1", purpose: "practice"), client: .init(address: nil, userAgent: nil))
            Issue.record("started again after a pass")
        } catch ServiceError.conflict(let code, _, _) {
            #expect(code == "already_passed")
        }
    }

    @Test("R-CERT-9: one retake, then retraining; the server's time limit refuses late answers and submits at the deadline")
    func retakesAndTime() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, practiceBlueprint("timed", minutes: 30))
        let me = try await worker(services, fx, fx.a, "worker-a")
        let first = try await services.exams.start(me, .init(blueprintId: "timed", purpose: "practice"), client: .init(address: nil, userAgent: nil))
        #expect((1_799...1_800).contains(first.secondsLeft ?? 0) && first.attemptNumber == 1)
        _ = try await services.exams.answer(.call(me), id: UUID(uuidString: first.id)!, AnswerInput(answers: Array(answers(first, right: true).answers.prefix(3))))
        clock.advance(by: 1_801)
        do {
            _ = try await services.exams.answer(.call(me), id: UUID(uuidString: first.id)!, answers(first, right: true))
            Issue.record("a late answer was accepted")
        } catch ServiceError.conflict(let code, _, _) {
            #expect(code == "time_up")
        }
        let closed = try await services.exams.get(.call(me), id: UUID(uuidString: first.id)!)
        #expect(closed.autoSubmitted && closed.score == 30 && closed.passed == false)   // only what was saved in time
        let second = try await services.exams.start(me, .init(blueprintId: "timed", purpose: "practice"), client: .init(address: nil, userAgent: nil))
        #expect(second.attemptNumber == 2)
        clock.advance(by: 2_000)
        #expect(try await services.exams.submitExpired() == 1)   // the sweep closes it
        do {
            _ = try await services.exams.start(me, .init(blueprintId: "timed", purpose: "practice"), client: .init(address: nil, userAgent: nil))
            Issue.record("a third attempt was allowed")
        } catch ServiceError.conflict(let code, _, let message) {
            #expect(code == "retraining_required" && message.zh.contains("R-CERT-9"))
        }
    }

    @Test("item statistics in SQL agree with the domain on the DOMAIN.md test vector (p, D, α)")
    func statsAgree() async throws {
        let clock = TestClock()
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        var bank = ExamFixture.bank
        bank.id = "vector"
        bank.questions = Array(bank.questions.prefix(4))
        _ = try await services.banks.importBank(fx.admin, bank)
        let vector: [[Double]] = [[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]
        let key = Dictionary(bank.questions.enumerated().map { ($0.element.stem, ($0.offset, $0.element.answer)) }, uniquingKeysWith: { a, _ in a })
        for (person, row) in vector.enumerated() {
            // One blueprint per candidate row, so one person can sit all six papers.
            _ = try await services.blueprints.save(fx.admin, BlueprintView(id: "v\(person)", title: "向量", kind: "training", bank: "vector",
                                                                           sections: [.init(type: "true_false", count: 4, points: 25)], passMark: 50))
            let view = try await services.exams.start(fx.admin, .init(blueprintId: "v\(person)", purpose: "practice", personId: fx.a.person.id),
                                                      client: .init(address: nil, userAgent: nil))
            let input = AnswerInput(answers: view.items.map { item in
                let (index, answer) = key[item.stem]!
                guard case .truth(let t) = answer else { return .init(position: item.position) }
                return .init(position: item.position, truth: row[index] == 1 ? t : !t)
            })
            _ = try await services.exams.answer(.call(fx.admin), id: UUID(uuidString: view.id)!, input)
            _ = try await services.exams.submit(.call(fx.admin), id: UUID(uuidString: view.id)!)
            clock.advance(by: 60)
        }
        let stats = try await services.banks.stats(fx.admin, id: "vector")
        let swift = ItemAnalysis.analyse(vector)
        #expect(stats.attempts == 6)
        let byID = Dictionary(uniqueKeysWithValues: stats.items.map { ($0.questionId, $0) })
        for (i, q) in bank.questions.enumerated() {
            let item = try #require(byID[q.id])
            #expect(abs(item.p - swift.items[i].p) < 1e-9)
            #expect(abs((item.d ?? 99) - swift.items[i].d) < 1e-9)
            #expect(abs((item.pointBiserial ?? 99) - (swift.items[i].pointBiserial ?? -99)) < 1e-9)
        }
        #expect(abs((stats.alpha ?? 0) - 0.4242) < 0.0001)
        // Regulators read the figures; enterprises do not.
        _ = try await services.banks.stats(fx.a.regulator, id: "vector")
        await #expect(throws: ServiceError.self) { try await services.banks.stats(fx.a.enterpriseUser, id: "vector") }
    }
}

@Suite("Exams: a stored paper is reproducible")
struct PaperReproductionTests {
    @Test("the stored seed and use counts reassemble exactly the stored paper (options order included)")
    func reproduce() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await ExamFixture.install(services, fx.admin)
        _ = try await services.blueprints.save(fx.admin, BlueprintView(
            id: "repro", title: "复现", kind: "training", bank: ExamFixture.bank.id, sections: [.init(type: "true_false", count: 6, points: 10)],
            passMark: 36, retakes: 3))
        // Earlier papers make the use counts uneven, so the preference matters.
        for _ in 0..<3 {
            let v = try await services.exams.start(fx.admin, .init(blueprintId: "repro", purpose: "practice", personId: fx.a.person.id),
                                                   client: .init(address: nil, userAgent: nil))
            _ = try await services.exams.submit(.call(fx.admin), id: UUID(uuidString: v.id)!)
        }
        let stored = try await services.pool.withConnection { conn -> (seed: Int64, basis: [String: Int], paper: [PaperAssembly.Item], blueprint: Blueprint, pool: [StoredQuestion]) in
            let row = try conn.query("SELECT seed, usage_basis::text AS basis, paper::text AS paper, blueprint::text AS bp FROM exam_attempts ORDER BY attempt_number DESC LIMIT 1").one()
            let decoder = JSONDecoder()
            let basis = try decoder.decode([String: Int].self, from: Data((try row.decode("basis", as: String.self)).utf8))
            let paper = try decoder.decode([PaperAssembly.Item].self, from: Data((try row.decode("paper", as: String.self)).utf8))
            let bp = try decoder.decode(Blueprint.self, from: Data((try row.decode("bp", as: String.self)).utf8))
            return (try row.decode("seed"), basis, paper, bp, try BankRepository(conn).questions(bankID: ExamFixture.bank.id, version: 1))
        }
        #expect(Set(stored.basis.values).count > 1)  // uneven counts
        let candidates = stored.pool.map { PaperAssembly.Candidate(uid: $0.uid, question: $0.question, uses: stored.basis[String($0.uid)] ?? 0) }
        let again = try PaperAssembly.assemble(stored.blueprint, from: candidates, seed: UInt64(bitPattern: stored.seed))
        #expect(again == stored.paper)
    }
}
