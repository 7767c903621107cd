import AnpeiDomain
import Foundation
import Testing

/// DOMAIN.md "Exams (general)": grading, item analysis (the test vector), and
/// the bank lint of issue 12.
@Suite("Exams: grading, item analysis, bank lint")
struct ExamRulesTests {
    func choice(_ id: String, _ kind: Question.Kind = .single, answer: String, options: [String: String] = ["A": "甲", "B": "乙", "C": "丙", "D": "丁"],
                stem: String? = nil) -> Question {
        Question(id: id, type: kind, stem: stem ?? "题干\(id)的内容各不相同\(id)", options: options, answer: .letters(Set(answer.map(String.init))),
                 explanation: "说明", difficulty: 2, knowledgePoints: ["k"], source: .init(law: "《中华人民共和国安全生产法》"))
    }

    @Test("grading: single and true/false all or nothing; multiple all or nothing by default (少选、多选、错选均不得分), partial only by policy")
    func grading() {
        let single = choice("q-001", answer: "B")
        #expect(Grading.score(single, .letters(["B"]), points: 1) == 1)
        #expect(Grading.score(single, .letters(["A"]), points: 1) == 0)
        #expect(Grading.score(single, nil, points: 1) == 0)
        let tf = Question(id: "q-002", type: .trueFalse, stem: "判断", answer: .truth(true), explanation: "说明", difficulty: 1,
                          knowledgePoints: ["k"], source: .init(law: "法"))
        #expect(Grading.score(tf, .truth(true), points: 2) == 2 && Grading.score(tf, .truth(false), points: 2) == 0)
        let multiple = choice("q-003", .multiple, answer: "ABD")
        #expect(Grading.score(multiple, .letters(["A", "B", "D"]), points: 2) == 2)
        #expect(Grading.score(multiple, .letters(["A", "B"]), points: 2) == 0)             // 少选
        #expect(Grading.score(multiple, .letters(["A", "B", "C", "D"]), points: 2) == 0)   // 多选
        #expect(Grading.score(multiple, .letters(["A", "B"]), points: 3, multiple: .partialNoWrong) == 2)
        #expect(Grading.score(multiple, .letters(["A", "C"]), points: 3, multiple: .partialNoWrong) == 0)   // a wrong letter: nothing
    }

    @Test("item analysis: the DOMAIN.md test vector (6 people × 4 items)")
    func testVector() {
        let r = ItemAnalysis.analyse([[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
        let p = r.items.map { ($0.p * 1000).rounded() / 1000 }
        #expect(p == [0.667, 0.5, 0.333, 0.167])
        #expect(r.items.map(\.d) == [0.5, 1.0, 0.5, 0.5])
        #expect(abs((r.alpha ?? 0) - 0.4242) < 0.0001)
        #expect(r.items.allSatisfy { $0.pointBiserial != nil })
        // No variance in totals: no α.
        #expect(ItemAnalysis.analyse([[1, 1], [1, 1]]).alpha == nil)
    }

    @Test("bank lint: duplicates, answers outside the options, one answer for single, options on true/false, sources, balance")
    func lint() {
        var questions = (1...24).map { i in choice(String(format: "q-%03d", i), answer: ["A", "B", "C", "D"][i % 4]) }
        var bank = QuestionBank(id: "t", title: "测试", version: 1, scope: .init(kind: "general"),
                                knowledgePoints: [.init(id: "k", title: "知识点")], questions: questions)
        #expect(BankLint.check(bank).filter { $0.severity == .error }.isEmpty)
        questions.append(choice("q-101", answer: "E"))
        questions.append(choice("q-102", answer: "AB"))
        questions.append(Question(id: "q-103", type: .trueFalse, stem: "判断题带选项", options: ["A": "对", "B": "错"], answer: .truth(true),
                                  explanation: "说明", difficulty: 1, knowledgePoints: ["k"], source: .init(law: " ")))
        questions.append(choice("q-104", answer: "A", stem: questions[0].stem))
        questions.append(choice("q-105", .multiple, answer: "C"))
        bank.questions = questions
        let codes = Set(BankLint.check(bank).filter { $0.severity == .error }.map(\.code))
        #expect(codes == ["answer_not_in_options", "single_with_several_answers", "true_false_with_options", "missing_source",
                          "duplicate_stem", "multiple_with_one_answer"])
        // Answers leaning on one letter.
        bank.questions = (1...24).map { i in choice(String(format: "q-%03d", i), answer: i % 5 == 0 ? "B" : "A") }
        #expect(BankLint.check(bank).contains { $0.code == "unbalanced_answers" })
        // Near-duplicate stems warn.
        bank.questions = [choice("q-001", answer: "A", stem: "生产经营单位的主要负责人对本单位的安全生产工作全面负责"),
                          choice("q-002", answer: "B", stem: "生产经营单位的主要负责人对本单位安全生产工作全面负责。")]
        #expect(BankLint.check(bank).contains { $0.code == "near_duplicate_stem" || $0.code == "duplicate_stem" })
    }
}
