import AnpeiDomain
import Foundation

/// Moodle's GIFT text format, for exchanging question banks with Moodle sites
/// and with institutions that write questions in a text editor.
///
/// GIFT has no place for difficulty, knowledge points or the legal source, so
/// the export writes them as a comment directly before each question
/// (`// anpei: {"difficulty":3,…}`); Moodle ignores it and `parse` reads it
/// back, so anpei → GIFT → anpei keeps every field. The question's name
/// (`::id::`) carries the anpei id.
public enum GIFT {
    static let metaPrefix = "// anpei:"

    /// What GIFT cannot say, as JSON in the comment before a question.
    struct Meta: Codable {
        var difficulty: Int
        var knowledgePoints: [String]
        var source: Question.Source
    }

    // MARK: Export

    public static func export(_ questions: [Question], category: String?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = "// anpei 题库导出（Moodle GIFT 格式）/ exported by anpei (Moodle GIFT format)\n\n"
        if let category {
            out += "$CATEGORY: \(InterchangeText.moodleCategory(category))\n\n"
        }
        for q in questions {
            out += write(q, encoder: encoder) + "\n"
        }
        return out
    }

    static func write(_ q: Question, encoder: JSONEncoder) -> String {
        let meta = Meta(difficulty: q.difficulty, knowledgePoints: q.knowledgePoints, source: q.source)
        let json = (try? encoder.encode(meta)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var out = "\(metaPrefix) \(json)\n::\(escape(q.id))::\(text(q.stem))"
        let feedback = q.explanation.isEmpty ? "" : "####" + text(q.explanation)
        switch q.answer {
        case .truth(let truth):
            out += "{\(truth ? "TRUE" : "FALSE")\(feedback)}\n"
        case .letters(let right):
            let options = (q.options ?? [:]).sorted { $0.key < $1.key }
            let share = InterchangeText.share(right.count)
            out += "{\n"
            for (letter, option) in options {
                let isRight = right.contains(letter)
                if q.type == .multiple {
                    // Moodle's multiple-answer form: no "=", every answer weighted;
                    // a wrong choice costs everything, as anpei grades all-or-nothing.
                    out += "\t~%\(isRight ? share : "-100")%"
                } else if isRight {
                    out += "\t="
                } else {
                    // "~%5%…" would read as a weight: give such text an explicit 0.
                    out += option.hasPrefix("%") ? "\t~%0%" : "\t~"
                }
                out += text(option) + "\n"
            }
            if !feedback.isEmpty { out += "\t\(feedback)\n" }
            out += "}\n"
        }
        return out
    }

    /// Escaped text; a text that starts with "[" gets Moodle's default format
    /// prefix, so that "[html]…" in the text is not taken for one.
    static func text(_ s: String) -> String {
        (s.hasPrefix("[") ? "[moodle]" : "") + escape(s)
    }

    /// GIFT's escapes (as Moodle writes them): \\ \~ \= \# \{ \} \: and \n.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "\\", "~", "=", "#", "{", "}", ":":
                out.append("\\")
                out.append(ch)
            case "\n", "\r\n", "\r":
                out += "\\n"
            default:
                out.append(ch)
            }
        }
        return out
    }

    // MARK: Import

    /// Reads GIFT text. Refuses the whole file, naming every refused question
    /// by its first line, when any question is of a kind anpei does not
    /// examine (essay, matching, numerical, short answer, description) or is
    /// malformed.
    public static func parse(_ text: String) throws(InterchangeError) -> InterchangeResult {
        var reader = GIFTReader()
        reader.read(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard reader.problems.isEmpty else { throw InterchangeError(problems: reader.problems) }
        return InterchangeResult(questions: reader.questions, category: reader.category, warnings: reader.warnings)
    }

    /// Reads an uploaded GIFT file: UTF-8 (with or without BOM) or GB18030.
    public static func parse(_ data: Data) throws(InterchangeError) -> InterchangeResult {
        guard let decoded = try? TextDecoding.decode(data) else {
            throw InterchangeError(row: nil, code: "bad_encoding", zh: "无法识别文件编码（应为 UTF-8 或 GB18030）",
                                   en: "unreadable text encoding (expected UTF-8 or GB18030)")
        }
        return try parse(decoded.text)
    }
}
