/// `anpei bank lint`: what makes a bank unfit to examine anyone. Errors fail
/// CI; warnings are for the author.
public enum BankLint {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var code: String
        public var question: String?
        public var message: LocalizedText

        public var description: String {
            "\(severity.rawValue) \(code)\(question.map { " [\($0)]" } ?? ""): \(message.zh)"
        }
    }

    /// Stems this similar (Jaccard over character bigrams, after removing
    /// spaces and punctuation) are near-duplicates.
    public static let nearDuplicateThreshold = 0.85

    public static func check(_ bank: QuestionBank) -> [Finding] {
        var out: [Finding] = []
        func add(_ s: Finding.Severity, _ code: String, _ q: String?, zh: String, en: String) {
            out.append(Finding(severity: s, code: code, question: q, message: LocalizedText(zh: zh, en: en)))
        }
        let points = Set(bank.knowledgePoints.map(\.id))
        var ids: Set<String> = []
        for q in bank.questions {
            if !ids.insert(q.id).inserted { add(.error, "duplicate_id", q.id, zh: "题目编号重复", en: "duplicate question id") }
            if q.source.law.trimmingCharacters(in: .whitespaces).isEmpty {
                add(.error, "missing_source", q.id, zh: "缺少法规依据", en: "no legal source")
            }
            if !(1...5).contains(q.difficulty) { add(.error, "bad_difficulty", q.id, zh: "难度须为1至5", en: "difficulty must be 1–5") }
            for k in q.knowledgePoints where !points.contains(k) {
                add(.error, "unknown_knowledge_point", q.id, zh: "未定义的知识点：\(k)", en: "undeclared knowledge point \(k)")
            }
            switch (q.type, q.answer) {
            case (.trueFalse, .truth):
                if q.options != nil { add(.error, "true_false_with_options", q.id, zh: "判断题不应有选项", en: "a true/false question has no options") }
            case (.trueFalse, .letters):
                add(.error, "answer_not_truth", q.id, zh: "判断题答案须为 true 或 false", en: "a true/false answer is true or false")
            case (_, .truth):
                add(.error, "answer_not_letters", q.id, zh: "选择题答案须为选项字母", en: "a choice answer is option letters")
            case (let kind, .letters(let letters)):
                let options = q.options ?? [:]
                if options.count < 2 { add(.error, "too_few_options", q.id, zh: "选择题至少两个选项", en: "at least two options") }
                for l in letters.sorted() where options[l] == nil {
                    add(.error, "answer_not_in_options", q.id, zh: "答案 \(l) 不在选项中", en: "answer \(l) is not an option")
                }
                if kind == .single, letters.count != 1 {
                    add(.error, "single_with_several_answers", q.id, zh: "单选题只能有一个答案", en: "a single-choice question has one answer")
                }
                if kind == .multiple, letters.count < 2 {
                    add(.error, "multiple_with_one_answer", q.id, zh: "多选题至少两个答案", en: "a multiple-choice question has two or more answers")
                }
            }
        }
        // Duplicate and near-duplicate stems.
        let grams = bank.questions.map { (id: $0.id, norm: normalise($0.stem)) }.map { ($0.id, $0.norm, bigrams($0.norm)) }
        for i in grams.indices {
            for j in grams.indices where j > i {
                if grams[i].1 == grams[j].1 {
                    add(.error, "duplicate_stem", grams[j].0, zh: "题干与 \(grams[i].0) 相同", en: "same stem as \(grams[i].0)")
                } else if similarity(grams[i].2, grams[j].2) >= nearDuplicateThreshold {
                    add(.warning, "near_duplicate_stem", grams[j].0, zh: "题干与 \(grams[i].0) 几乎相同", en: "stem nearly the same as \(grams[i].0)")
                }
            }
        }
        // Answer letters of single-choice questions should not lean on one letter.
        let singles = bank.questions.compactMap { q -> String? in
            guard q.type == .single, case .letters(let l) = q.answer, l.count == 1 else { return nil }
            return l.first
        }
        if singles.count >= 20 {
            var counts: [String: Int] = [:]
            for l in singles { counts[l, default: 0] += 1 }
            let letters = ["A", "B", "C", "D"]
            let shares = letters.map { Double(counts[$0] ?? 0) / Double(singles.count) }
            if let most = shares.max(), let least = shares.min(), most > 0.4 || least < 0.1 {
                let text = letters.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: "、")
                add(.error, "unbalanced_answers", nil, zh: "单选题答案分布失衡（\(text)）", en: "single-choice answers lean on a letter (\(text))")
            }
        }
        return out
    }

    static func normalise(_ s: String) -> [Character] {
        s.filter { !$0.isWhitespace && !$0.isPunctuation && !"（）()【】「」“”\"'_＿…".contains($0) }.map { $0 }
    }

    static func bigrams(_ c: [Character]) -> Set<String> {
        guard c.count > 1 else { return Set(c.map(String.init)) }
        return Set((0..<c.count - 1).map { String(c[$0]) + String(c[$0 + 1]) })
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}
