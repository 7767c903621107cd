import AnpeiDomain
import Foundation

/// Reads the `<question>` elements of a Moodle XML file in order, collecting
/// questions, the category, warnings and every problem.
struct MoodleXMLReader {
    var questions: [Question] = []
    var category: String?
    var warnings: [LocalizedText] = []
    var problems: [InterchangeError.Problem] = []
    /// `<question>` elements met so far, categories included: problems name the n-th.
    private var ordinal = 0
    private var ids: Set<String> = []

    /// Moodle's question types anpei does not examine, named for people.
    static let kindNames: [String: (zh: String, en: String)] = [
        "essay": ("问答题", "an essay question"),
        "matching": ("匹配题", "a matching question"),
        "match": ("匹配题", "a matching question"),
        "shortanswer": ("简答（填空）题", "a short-answer question"),
        "numerical": ("数值题", "a numerical question"),
        "cloze": ("完形填空（嵌入式答案）题", "a cloze (embedded answers) question"),
        "multianswer": ("完形填空（嵌入式答案）题", "a cloze (embedded answers) question"),
        "description": ("说明（没有答案）", "a description (no answers)"),
        "calculated": ("计算题", "a calculated question"),
    ]

    mutating func read(_ element: MoodleNode) {
        ordinal += 1
        let type = element.attributes["type"] ?? ""
        let name = InterchangeText.trimmed(element.child("name")?.textChild ?? "")
        switch type {
        case "category":
            if let path = element.child("category")?.textChild { category = InterchangeText.category(fromMoodle: path) }
        case "multichoice", "truefalse":
            guard let q = question(element, trueFalse: type == "truefalse", name: name) else { return }
            guard ids.insert(q.id).inserted else {
                fail("duplicate_id", zh: "题目名称 \(q.id) 重复", en: "question name \(q.id) is used twice")
                return
            }
            questions.append(q)
        default:
            let kind = Self.kindNames[type] ?? (zh: "“\(type)”类型的题", en: "a question of type “\(type)”")
            fail("unsupported_kind", zh: "\(place(name))是\(kind.zh)（\(type)），anpei 只支持单选题、多选题和判断题",
                 en: "\(place(name, en: true)) is \(kind.en) (\(type)); anpei supports single choice, multiple choice and true/false only")
        }
    }

    private func place(_ name: String, en: Bool = false) -> String {
        let named = name.isEmpty ? "" : (en ? " (\(name))" : "（\(name)）")
        return en ? "question \(ordinal)\(named)" : "第 \(ordinal) 题\(named)"
    }

    private mutating func fail(_ code: String, field: String? = nil, zh: String, en: String) {
        problems.append(.init(row: ordinal, field: field, code: code, message: LocalizedText(zh: zh, en: en)))
    }

    private mutating func question(_ element: MoodleNode, trueFalse: Bool, name: String) -> Question? {
        let id = name.isEmpty ? "moodle-\(ordinal)" : name
        let stem = Self.content(element.child("questiontext"), default: "html")
        let explanation = Self.content(element.child("generalfeedback"), default: "html")
        let answers = element.all("answer")
        let fractions = answers.map { Double(InterchangeText.trimmed($0.attributes["fraction"] ?? "")) ?? 0 }
        let type: Question.Kind, options: [String: String]?, answer: Question.Answer
        if trueFalse {
            // Answers say "true" and "false"; old files give them in that order without saying.
            guard let right = fractions.firstIndex(where: { $0 > 0 }) else {
                fail("no_right_answer", zh: "\(place(name))没有正确答案", en: "\(place(name, en: true)) has no right answer")
                return nil
            }
            let said = InterchangeText.trimmed(answers[right].textChild).lowercased()
            type = .trueFalse
            options = nil
            answer = .truth(said == "true" || (said != "false" && right == 0))
        } else {
            guard (2...InterchangeText.maxOptions).contains(answers.count) else {
                fail("too_few_options", zh: "\(place(name))须有 2 至 26 个选项", en: "\(place(name, en: true)) needs 2 to 26 answers")
                return nil
            }
            var letters: [String: String] = [:]
            for (i, a) in answers.enumerated() {
                let text = Self.content(a, default: "moodle_auto_format")
                guard !text.isEmpty else {
                    fail("empty_option", zh: "\(place(name))的选项 \(InterchangeText.letter(i)) 没有内容",
                         en: "\(place(name, en: true)): answer \(InterchangeText.letter(i)) is empty")
                    return nil
                }
                letters[InterchangeText.letter(i)] = text
            }
            let single = Self.bool(element.child("single")?.text) ?? true
            // Single: the answer worth 100%; multiple: every answer worth something.
            let right = Set(fractions.indices.filter { single ? fractions[$0] >= 99.999 : fractions[$0] > 0 }.map(InterchangeText.letter))
            guard !right.isEmpty else {
                fail("no_right_answer", zh: "\(place(name))没有正确答案", en: "\(place(name, en: true)) has no right answer")
                return nil
            }
            if single {
                guard right.count == 1 else {
                    fail("several_right_answers", zh: "\(place(name))是单选题，却有多个满分答案",
                         en: "\(place(name, en: true)) is single choice but has several full-mark answers")
                    return nil
                }
                if fractions.contains(where: { $0 > 0 && $0 < 99.999 }) { warnings.append(InterchangeText.partialCreditDropped(id)) }
            }
            type = single ? .single : .multiple
            options = letters
            answer = .letters(right)
        }
        // anpei's own fields, kept by Moodle as tags.
        var difficulty: Int?, law: String?, article: String?
        var points: [String] = []
        for tag in element.child("tags")?.all("tag") ?? [] {
            let t = InterchangeText.trimmed(tag.textChild)
            guard t.hasPrefix("anpei:"), let eq = t.firstIndex(of: "=") else { continue }
            let key = t[t.index(t.startIndex, offsetBy: "anpei:".count)..<eq]
            let value = String(t[t.index(after: eq)...])
            switch key {
            case "difficulty":
                guard let d = Int(value), (1...5).contains(d) else {
                    fail("bad_difficulty", field: "tags", zh: "\(place(name))的难度须为 1 至 5：\(value)",
                         en: "\(place(name, en: true)): difficulty must be 1–5, not \(value)")
                    return nil
                }
                difficulty = d
            case "kp": points.append(value)
            case "law": law = value
            case "article": article = value
            default: break
            }
        }
        if difficulty == nil || law == nil { warnings.append(InterchangeText.missingMetadata(id)) }
        return Question(id: id, type: type, stem: stem, options: options, answer: answer, explanation: explanation,
                        difficulty: difficulty ?? InterchangeText.defaultDifficulty, knowledgePoints: points,
                        source: Question.Source(law: law ?? InterchangeText.unknownLaw, article: article))
    }

    /// The `<text>` of an element, as plain text when its format is HTML.
    static func content(_ element: MoodleNode?, default format: String) -> String {
        guard let element else { return "" }
        let raw = element.textChild
        return (element.attributes["format"] ?? format) == "html" ? InterchangeText.htmlToPlain(raw) : InterchangeText.trimmed(raw)
    }

    static func bool(_ s: String?) -> Bool? {
        guard let s else { return nil }
        switch InterchangeText.trimmed(s).lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}
