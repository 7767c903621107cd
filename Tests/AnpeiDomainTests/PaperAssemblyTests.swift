import AnpeiDomain
import Foundation
import Testing

/// DOMAIN.md "Exams (general)" and issue 12 "Blueprints and papers": random but
/// reproducible papers, no repeats, least-used first, options shuffled and
/// stored, unmet quotas named; R-CERT-9 one retake; server-side time limits.
@Suite("Exams: blueprints, paper assembly, attempt rules")
struct PaperAssemblyTests {
    func pool(singles: Int = 30, multiples: Int = 10, truths: Int = 20, uses: (Int64) -> Int = { _ in 0 }) -> [PaperAssembly.Candidate] {
        var out: [PaperAssembly.Candidate] = []
        var uid: Int64 = 100
        func add(_ kind: Question.Kind, _ i: Int) {
            uid += 1
            let kp = ["k1", "k2", "k3"][i % 3]
            let q = kind == .trueFalse
                ? Question(id: "t-\(i)", type: .trueFalse, stem: "判断\(i)", answer: .truth(i % 2 == 0), explanation: "", difficulty: 1 + i % 5,
                           knowledgePoints: [kp], source: .init(law: "法"))
                : Question(id: "\(kind.rawValue)-\(i)", type: kind, stem: "题\(i)", options: ["A": "甲", "B": "乙", "C": "丙", "D": "丁"],
                           answer: .letters(kind == .single ? ["B"] : ["A", "C"]), explanation: "", difficulty: 1 + i % 5,
                           knowledgePoints: [kp], source: .init(law: "法"))
            out.append(.init(uid: uid, question: q, uses: uses(uid)))
        }
        for i in 0..<singles { add(.single, i) }
        for i in 0..<multiples { add(.multiple, i) }
        for i in 0..<truths { add(.trueFalse, i) }
        return out
    }

    let blueprint = Blueprint(id: "bp", title: "低压电工理论", kind: .specialOperationsTheory, bank: "b",
                              sections: [.init(type: .trueFalse, count: 10, points: 2), .init(type: .single, count: 20, points: 3),
                                         .init(type: .multiple, count: 5, points: 4)],
                              quotas: [.init(knowledgePoint: "k3", min: 8)], difficulty: [.hard: 0.2])

    @Test("shipped defaults per exam kind: special-operations theory 100/80/120 min; management 100/80; retraining 60 min (R-CERT-9, R-CERT-11, R-3V-2)")
    func defaults() {
        #expect(blueprint.totalPoints == 100 && blueprint.passMark == 80 && blueprint.timeLimitMinutes == 120 && blueprint.retakes == 1)
        #expect(blueprint.problems().isEmpty)
        #expect(Blueprint.Kind.managementCompetence.defaults.points == 100 && Blueprint.Kind.managementCompetence.defaults.passMark == 80)
        #expect(Blueprint.Kind.retraining.defaults.minutes == 60)
        var wrong = blueprint
        wrong.sections[0].count = 5
        #expect(wrong.problems().map(\.code).contains("rule_total_points"))
        wrong = blueprint
        wrong.passMark = 200
        #expect(wrong.problems().map(\.field) == ["passMark"])
    }

    @Test("the same seed and usage give the same paper; another seed another; no question twice; sections in order")
    func reproducible() throws {
        let p = pool()
        let a = try PaperAssembly.assemble(blueprint, from: p, seed: 42)
        let b = try PaperAssembly.assemble(blueprint, from: p.reversed(), seed: 42)
        let c = try PaperAssembly.assemble(blueprint, from: p, seed: 43)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 35 && Set(a.map(\.uid)).count == 35)
        let byUID = Dictionary(uniqueKeysWithValues: p.map { ($0.uid, $0.question) })
        #expect(a.prefix(10).allSatisfy { byUID[$0.uid]!.type == .trueFalse && $0.order == nil && $0.points == 2 })
        #expect(a.suffix(5).allSatisfy { byUID[$0.uid]!.type == .multiple && $0.points == 4 })
        #expect(a.reduce(0) { $0 + $1.points } == 100)
        // Quotas and the difficulty mix hold.
        #expect(a.count { byUID[$0.uid]!.knowledgePoints.contains("k3") } >= 8)
        #expect(a.count { byUID[$0.uid]!.difficulty >= 4 } >= 7)
    }

    @Test("options are shuffled per attempt and the stored order maps displayed letters back")
    func shuffle() throws {
        let p = pool()
        let papers = try (1...20).map { try PaperAssembly.assemble(blueprint, from: p, seed: UInt64($0)) }
        let orders = Set(papers.flatMap { $0.compactMap(\.order) })
        #expect(orders.count > 5)
        #expect(orders.allSatisfy { $0.sorted() == ["A", "B", "C", "D"] })
        #expect(PaperAssembly.bankLetters(["A", "C"], order: ["D", "B", "A", "C"]) == ["D", "A"])
        #expect(PaperAssembly.bankLetters(["Z"], order: ["D", "B", "A", "C"]) == nil)
    }

    @Test("least-used eligible questions come first")
    func leastUsed() throws {
        // The first 20 singles are used 5 times, the other 10 never: all 10 unused singles must be on the paper.
        let p = pool(singles: 30, uses: { $0 <= 120 ? 5 : 0 })
        let unused = Set(p.filter { $0.uses == 0 && $0.question.type == .single }.map(\.uid))
        let simple = Blueprint(id: "s", title: "s", kind: .training, bank: "b", sections: [.init(type: .single, count: 12, points: 5)], passMark: 48)
        let paper = try PaperAssembly.assemble(simple, from: p, seed: 7)
        #expect(unused.isSubset(of: Set(paper.map(\.uid))))
    }

    @Test("a bank that cannot satisfy the blueprint fails naming the unmet quota")
    func unmet() {
        #expect(throws: PaperAssembly.Unmet.self) { try PaperAssembly.assemble(blueprint, from: pool(multiples: 3), seed: 1) }
        do {
            _ = try PaperAssembly.assemble(blueprint, from: pool(multiples: 3), seed: 1)
        } catch {
            #expect(error.quota == "section:multiple" && error.needed == 5 && error.available == 3)
            #expect(error.message.zh.contains("多选题不足"))
        }
        var kp = blueprint
        kp.quotas = [.init(knowledgePoint: "k9", min: 2)]
        do {
            _ = try PaperAssembly.assemble(kp, from: pool(), titles: ["k9": "应急救援"], seed: 1)
            Issue.record("expected an unmet quota")
        } catch {
            #expect(error.quota == "knowledge_point:k9" && error.message.zh.contains("「应急救援」"))
        }
    }

    @Test("R-CERT-9: one retake, then retraining; one active attempt at a time")
    func retakes() {
        typealias E = AttemptRules.Earlier
        #expect(AttemptRules.mayStart(earlier: [], retakes: 1) == .start(attemptNumber: 1))
        #expect(AttemptRules.mayStart(earlier: [E(submitted: true, passed: false)], retakes: 1) == .start(attemptNumber: 2))
        #expect(AttemptRules.mayStart(earlier: [E(submitted: true, passed: false), E(submitted: true, passed: false)], retakes: 1)
                == .retrainingRequired(failed: 2))
        #expect(AttemptRules.mayStart(earlier: [E(submitted: false, passed: false)], retakes: 1) == .active)
        #expect(AttemptRules.mayStart(earlier: [E(submitted: true, passed: true)], retakes: 1) == .alreadyPassed)
    }

    @Test("the time limit: answers up to the deadline, none after; too-fast attempts are flagged")
    func timeLimit() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let deadline = AttemptRules.deadline(startedAt: start, minutes: 120)
        #expect(deadline.timeIntervalSince(start) == 7_200)
        #expect(AttemptRules.accepts(at: deadline, deadline: deadline))
        #expect(!AttemptRules.accepts(at: deadline.addingTimeInterval(1), deadline: deadline))
        #expect(AttemptRules.tooFast(seconds: 100, questions: 35) && !AttemptRules.tooFast(seconds: 600, questions: 35))
        #expect(AttemptRules.passed(score: 80, passMark: 80) && !AttemptRules.passed(score: 79.99, passMark: 80))
    }

    @Test("a paper's grade: the sum of items, multiple choice by the blueprint's policy")
    func gradePaper() {
        let q = pool(singles: 1, multiples: 1, truths: 1).map(\.question)
        let r = Grading.grade([(q[0], 3, .letters(["B"])), (q[1], 4, .letters(["A"])), (q[2], 2, .truth(true))], multiple: .allOrNothing)
        #expect(r.each == [3, 0, 2] && r.total == 5)
        let partial = Grading.grade([(q[1], 4, .letters(["A"]))], multiple: .partialNoWrong)
        #expect(partial.total == 2)
    }
}
