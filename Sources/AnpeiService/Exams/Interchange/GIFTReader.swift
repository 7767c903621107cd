import AnpeiDomain
import Foundation

/// One character of GIFT text, with whether it was escaped: escaped
/// characters are text, never structure.
struct Glyph {
    let c: Character
    let escaped: Bool

    static func read(_ s: String) -> [Glyph] {
        let chars = Array(s)
        var out: [Glyph] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if next == "n" {
                    out.append(Glyph(c: "\n", escaped: true))
                    i += 2
                    continue
                }
                if "\\~=#{}:".contains(next) {
                    out.append(Glyph(c: next, escaped: true))
                    i += 2
                    continue
                }
            }
            out.append(Glyph(c: chars[i], escaped: false))
            i += 1
        }
        return out
    }
}

extension Array where Element == Glyph {
    var text: String { String(map(\.c)) }

    func isMark(_ i: Int, _ c: Character) -> Bool { i < count && !self[i].escaped && self[i].c == c }

    /// The first unescaped occurrence of `pattern` at or after `from`.
    func find(_ pattern: String, from: Int = 0) -> Int? {
        let p = [Character](pattern)
        guard count >= p.count, from <= count - p.count else { return nil }
        for i in from...(count - p.count) where (0..<p.count).allSatisfy({ isMark(i + $0, p[$0]) }) { return i }
        return nil
    }

    func findLast(_ pattern: String) -> Int? {
        let p = [Character](pattern)
        guard count >= p.count else { return nil }
        for i in stride(from: count - p.count, through: 0, by: -1) where (0..<p.count).allSatisfy({ isMark(i + $0, p[$0]) }) {
            return i
        }
        return nil
    }

    /// Without unescaped white space at either end.
    var trimmed: [Glyph] {
        guard let start = firstIndex(where: { $0.escaped || !$0.c.isWhitespace }) else { return [] }
        let end = lastIndex(where: { $0.escaped || !$0.c.isWhitespace })!
        return Array(self[start...end])
    }
}

/// Reads GIFT text block by block (blocks are separated by blank lines),
/// collecting questions, warnings and every problem.
struct GIFTReader {
    var questions: [Question] = []
    var category: String?
    var warnings: [LocalizedText] = []
    var problems: [InterchangeError.Problem] = []
    private var pendingMeta: GIFT.Meta?
    /// Questions met so far, refused ones included: "gift-<n>" names the n-th.
    private var ordinal = 0
    private var ids: Set<String> = []

    mutating func read(_ text: String) {
        var block: [(number: Int, line: Substring)] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            if line.allSatisfy(\.isWhitespace) {
                flush(block)
                block = []
            } else {
                block.append((number, line))
            }
        }
        flush(block)
    }

    private mutating func flush(_ block: [(number: Int, line: Substring)]) {
        var lines: [(number: Int, line: Substring)] = []
        for entry in block {
            let t = entry.line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("//") {
                if t.hasPrefix(GIFT.metaPrefix) { readMeta(String(t.dropFirst(GIFT.metaPrefix.count)), line: entry.number) }
                continue
            }
            if lines.isEmpty, t.hasPrefix("$CATEGORY:") {
                category = InterchangeText.category(fromMoodle: String(t.dropFirst("$CATEGORY:".count)))
                continue
            }
            lines.append(entry)
        }
        guard let first = lines.first else { return }
        ordinal += 1
        let meta = pendingMeta
        pendingMeta = nil
        let raw = lines.map { String($0.line) }.joined(separator: "\n")
        guard let q = question(Glyph.read(raw), line: first.number, meta: meta) else { return }
        guard ids.insert(q.id).inserted else {
            fail(first.number, "duplicate_id", zh: "题目名称 \(q.id) 重复", en: "question name \(q.id) is used twice")
            return
        }
        questions.append(q)
    }

    private mutating func readMeta(_ json: String, line: Int) {
        guard let meta = try? JSONDecoder().decode(GIFT.Meta.self, from: Data(json.utf8)) else {
            fail(line, "bad_metadata", zh: "anpei 注释不是有效的 JSON", en: "the anpei comment is not valid JSON")
            return
        }
        guard (1...5).contains(meta.difficulty) else {
            fail(line, "bad_difficulty", zh: "难度须为 1 至 5", en: "difficulty must be 1–5")
            return
        }
        pendingMeta = meta
    }

    private mutating func fail(_ line: Int, _ code: String, zh: String, en: String) {
        problems.append(.init(row: line, field: nil, code: code, message: LocalizedText(zh: zh, en: en)))
    }

    private mutating func unsupported(_ line: Int, zh: String, en: String) {
        fail(line, "unsupported_kind", zh: "第 \(line) 行的题目是\(zh)，anpei 只支持单选题、多选题和判断题",
             en: "the question on line \(line) is \(en); anpei supports single choice, multiple choice and true/false only")
    }

    /// One question's text (comments and category removed), escapes read.
    private mutating func question(_ all: [Glyph], line: Int, meta: GIFT.Meta?) -> Question? {
        var body = all.trimmed
        var title: String?
        if body.isMark(0, ":"), body.isMark(1, ":") {
            guard let end = body.find("::", from: 2) else {
                fail(line, "unclosed_title", zh: "第 \(line) 行题目名称缺少结尾的 ::", en: "line \(line): the question name lacks its closing ::")
                return nil
            }
            title = InterchangeText.trimmed(Array(body[2..<end]).text)
            body = Array(body[(end + 2)...])
        }
        let openAt = body.find("{")
        let closeAt = openAt.flatMap { body.find("}", from: $0 + 1) }
        guard let open = openAt, let close = closeAt else {
            if openAt == nil, body.find("}") == nil {
                unsupported(line, zh: "说明（没有答案）", en: "a description (no answers)")
            } else {
                fail(line, "unbalanced_braces", zh: "第 \(line) 行题目的 { } 不成对", en: "line \(line): unbalanced { }")
            }
            return nil
        }
        // Text after the answers makes Moodle's "missing word" form: a blank.
        var stemGlyphs = Array(body[..<open])
        let after = Array(body[(close + 1)...]).trimmed
        if !after.isEmpty { stemGlyphs += Glyph.read("_____") + after }
        let (format, stemText) = Self.format(stemGlyphs.trimmed, default: "moodle")
        let stem = Self.plain(stemText, format)
        var answers = Array(body[(open + 1)..<close]).trimmed
        var explanation = ""
        if let gf = answers.findLast("####") {
            let (f, t) = Self.format(Array(answers[(gf + 4)...]).trimmed, default: format)
            explanation = Self.plain(t, f)
            answers = Array(answers[..<gf]).trimmed
        }
        let id = title.flatMap { $0.isEmpty ? nil : $0 } ?? "gift-\(ordinal)"

        let type: Question.Kind, options: [String: String]?, answer: Question.Answer
        if answers.isEmpty {
            unsupported(line, zh: "问答题", en: "an essay question")
            return nil
        } else if answers.isMark(0, "#") {
            unsupported(line, zh: "数值题", en: "a numerical question")
            return nil
        } else if answers.find("~") != nil {
            guard let picked = choice(answers, format: format, id: id, line: line) else { return nil }
            type = picked.single ? .single : .multiple
            options = picked.options
            answer = .letters(picked.right)
        } else if answers.find("=") != nil, answers.find("->") != nil {
            unsupported(line, zh: "匹配题", en: "a matching question")
            return nil
        } else {
            let head = InterchangeText.trimmed(Array(answers[..<(answers.find("#") ?? answers.count)]).text).uppercased()
            switch head {
            case "T", "TRUE", "F", "FALSE":
                type = .trueFalse
                options = nil
                answer = .truth(head.hasPrefix("T"))
            default:
                unsupported(line, zh: "简答（填空）题", en: "a short-answer question")
                return nil
            }
        }
        if meta == nil { warnings.append(InterchangeText.missingMetadata(id)) }
        return Question(id: id, type: type, stem: stem, options: options, answer: answer, explanation: explanation,
                        difficulty: meta?.difficulty ?? InterchangeText.defaultDifficulty,
                        knowledgePoints: meta?.knowledgePoints ?? [],
                        source: meta?.source ?? Question.Source(law: InterchangeText.unknownLaw))
    }

    /// `=right ~wrong …` is single choice (Moodle: any "=" means one answer);
    /// `~%50%a ~%50%b ~%-100%c` is multiple, its right letters those weighted above 0.
    private mutating func choice(_ g: [Glyph], format: String, id: String, line: Int)
        -> (single: Bool, options: [String: String], right: Set<String>)?
    {
        var parts: [(marker: Character, body: [Glyph])] = []
        var lead: [Glyph] = []
        for x in g {
            if !x.escaped, x.c == "=" || x.c == "~" {
                parts.append((x.c, []))
            } else if parts.isEmpty {
                lead.append(x)
            } else {
                parts[parts.count - 1].body.append(x)
            }
        }
        guard lead.trimmed.isEmpty else {
            fail(line, "bad_answer", zh: "第 \(line) 行：每个选项须以 = 或 ~ 开头", en: "line \(line): each answer starts with = or ~")
            return nil
        }
        guard (2...InterchangeText.maxOptions).contains(parts.count) else {
            fail(line, "too_few_options", zh: "第 \(line) 行：选择题须有 2 至 26 个选项", en: "line \(line): a choice question has 2 to 26 answers")
            return nil
        }
        var options: [String: String] = [:]
        var equals: Set<String> = [], weighted: Set<String> = []
        for (i, part) in parts.enumerated() {
            let letter = InterchangeText.letter(i)
            var body = part.body.trimmed
            if part.marker == "=" {
                equals.insert(letter)
            } else if body.isMark(0, "%"), let end = body.find("%", from: 1), let w = Double(Array(body[1..<end]).text) {
                if w > 0 { weighted.insert(letter) }
                body = Array(body[(end + 1)...]).trimmed
            }
            let textGlyphs = Array(body[..<(body.find("#") ?? body.count)]).trimmed  // "#…" is the answer's feedback
            let (f, t) = Self.format(textGlyphs, default: format)
            let text = Self.plain(t, f)
            guard !text.isEmpty else {
                fail(line, "empty_option", zh: "第 \(line) 行：选项 \(letter) 没有内容", en: "line \(line): answer \(letter) is empty")
                return nil
            }
            options[letter] = text
        }
        if !equals.isEmpty {
            guard equals.count == 1 else {
                fail(line, "several_right_answers", zh: "第 \(line) 行：单选题（用 = 标出正确答案）只能有一个 =",
                     en: "line \(line): a single-choice question (right answer marked =) has one = only")
                return nil
            }
            if !weighted.isEmpty { warnings.append(InterchangeText.partialCreditDropped(id)) }
            return (true, options, equals)
        }
        guard !weighted.isEmpty else {
            fail(line, "no_right_answer", zh: "第 \(line) 行：没有正确答案（= 或正的 %权重%）",
                 en: "line \(line): no right answer (= or a positive %weight%)")
            return nil
        }
        return (false, options, weighted)
    }

    /// Moodle's format prefix ([html], [moodle], [plain], [markdown]), if any.
    static func format(_ g: [Glyph], default def: String) -> (String, [Glyph]) {
        guard g.isMark(0, "["), let end = g.find("]") else { return (def, g) }
        let name = Array(g[1..<end]).text.lowercased()
        guard ["html", "moodle", "plain", "markdown"].contains(name) else { return (def, g) }
        return (name, Array(g[(end + 1)...]).trimmed)
    }

    static func plain(_ g: [Glyph], _ format: String) -> String {
        format == "html" ? InterchangeText.htmlToPlain(g.text) : InterchangeText.trimmed(g.text)
    }
}
