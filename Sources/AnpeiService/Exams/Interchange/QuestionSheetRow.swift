import AnpeiDomain
import Foundation

/// One data row of a question sheet: its cells read and checked, every
/// problem named by the row and the column's header as the sheet spells it.
struct SheetRow {
    typealias Column = QuestionSheet.Column

    let number: Int
    let cells: [String]
    let columns: [Column: Int]
    let names: [Column: String]
    var problems: [InterchangeError.Problem] = []

    /// Separators between answer letters: "A,B,D", "A、B、D", "A B D".
    static let separators: Set<Character> = [",", ";", "、", "/", "|", ".", " ", "\u{3000}"]

    func cell(_ c: Column) -> String {
        guard let i = columns[c], i < cells.count else { return "" }
        return cells[i]
    }

    mutating func add(_ c: Column, _ code: String, zh: String, en: String) {
        problems.append(InterchangeError.Problem(row: number, field: names[c] ?? c.label, code: code,
                                                 message: LocalizedText(zh: zh, en: en)))
    }

    /// The row's question, or nil when the row has problems.
    mutating func question(id: String) -> Question? {
        let typeText = cell(.type)
        let kind = QuestionSheet.kind(typeText)
        if kind == nil {
            add(.type, "unknown_type", zh: "题型“\(typeText)”无法识别（应为单选题、多选题或判断题）",
                en: "unknown question type “\(typeText)” (expected 单选题, 多选题 or 判断题)")
        }
        let stem = cell(.stem)
        if stem.isEmpty { add(.stem, "missing_stem", zh: "题干不能为空", en: "the stem is empty") }
        var options: [String: String]?
        var answer: Question.Answer?
        switch kind {
        case .trueFalse?:
            // Options of a true/false row ("正确", "错误") only label A and B.
            answer = truth().map { Question.Answer.truth($0) }
        case .single?, .multiple?:
            if let c = choice(single: kind == .single) {
                options = c.options
                answer = .letters(c.right)
            }
        case nil:
            break
        }
        let rated = difficulty()
        let points = QuestionSheet.halfWidth(cell(.points))
            .split(whereSeparator: { ";、,".contains($0) || $0.isNewline })
            .map { String($0).trimmedCell }
            .filter { !$0.isEmpty }
        guard problems.isEmpty, let type = kind, let key = answer, let level = rated else { return nil }
        let sourceText = cell(.source)
        return Question(id: id, type: type, stem: stem, options: options, answer: key, explanation: cell(.explanation),
                        difficulty: level, knowledgePoints: points,
                        source: sourceText.isEmpty ? Question.Source(law: InterchangeText.unknownLaw) : QuestionSheet.source(sourceText))
    }

    mutating func choice(single: Bool) -> (options: [String: String], right: Set<String>)? {
        let before = problems.count
        var options: [String: String] = [:]
        var present: [Int] = []
        for i in 0..<QuestionSheet.optionCount where !cell(.option(i)).isEmpty {
            options[InterchangeText.letter(i)] = cell(.option(i))
            present.append(i)
        }
        if present != Array(0..<present.count) {
            let gap = (0..<QuestionSheet.optionCount).first { !present.contains($0) } ?? 0
            let letter = InterchangeText.letter(gap)
            add(.option(gap), "options_not_contiguous", zh: "选项须从 A 起连续填写，缺少选项\(letter)",
                en: "options must be filled from A on without gaps; option \(letter) is missing")
        } else if present.count < 2 {
            add(.option(present.count), "too_few_options", zh: "选择题至少要有两个选项", en: "a choice question needs at least two options")
        }
        let raw = cell(.answer)
        let letters = QuestionSheet.halfWidth(raw).uppercased().filter { !Self.separators.contains($0) }
        guard !letters.isEmpty else {
            add(.answer, "missing_answer", zh: "答案不能为空", en: "the answer is empty")
            return nil
        }
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            add(.answer, "bad_answer", zh: "答案“\(raw)”应为选项字母，如 B 或 ABD", en: "the answer “\(raw)” must be option letters such as B or ABD")
            return nil
        }
        let right = Set(letters.map { String($0) })
        let outside = right.filter { options[$0] == nil }.sorted()
        if !outside.isEmpty {
            add(.answer, "answer_not_in_options", zh: "答案 \(outside.joined()) 不在选项中", en: "answer \(outside.joined()) is not an option")
        }
        if single, right.count > 1 {
            add(.answer, "single_with_several_answers", zh: "单选题只能有一个答案：\(raw)", en: "a single-choice question has one answer, not \(raw)")
        }
        if !single, right.count == 1 {
            add(.answer, "multiple_with_one_answer", zh: "多选题至少要有两个答案：\(raw)", en: "a multiple-choice question has two or more answers, not \(raw)")
        }
        return problems.count == before ? (options, right) : nil
    }

    mutating func truth() -> Bool? {
        let raw = cell(.answer)
        let word = QuestionSheet.halfWidth(raw).filter { !$0.isWhitespace }.uppercased()
        if let value = QuestionSheet.truthWords[word] { return value }
        if word.isEmpty {
            add(.answer, "missing_answer", zh: "答案不能为空", en: "the answer is empty")
        } else {
            add(.answer, "bad_truth_value", zh: "判断题答案“\(raw)”应为 正确/错误（对/错、√/×、A/B、T/F）",
                en: "a true/false answer is 正确 or 错误 (对/错, √/×, A/B, T/F), not “\(raw)”")
        }
        return nil
    }

    /// 1–5, or 易 (2), 中 (3), 难 (4); empty means 3.
    mutating func difficulty() -> Int? {
        let raw = cell(.difficulty)
        let word = QuestionSheet.halfWidth(raw).filter { !$0.isWhitespace }
        switch word {
        case "": return InterchangeText.defaultDifficulty
        case "易", "容易", "简单", "较易": return 2
        case "中", "中等", "一般", "适中": return 3
        case "难", "困难", "较难": return 4
        default: break
        }
        if let d = Double(word), d.rounded() == d, d >= 1, d <= 5 { return Int(d) }
        add(.difficulty, "bad_difficulty", zh: "难度“\(raw)”应为 1 至 5，或 易、中、难", en: "difficulty “\(raw)” must be 1–5, or 易, 中, 难")
        return nil
    }
}
