import AnpeiDomain
import Foundation

/// What the interchange formats share: defaults for what a foreign file cannot
/// say, Moodle's answer weights and category paths, and the little HTML that
/// Moodle wraps text in.
enum InterchangeText {
    /// The legal source of a question whose file names none; BankLint accepts
    /// it (it is not empty), the warning tells a person to fill it in.
    static let unknownLaw = "未注明"
    static let defaultDifficulty = 3
    /// Option letters A…Z.
    static let maxOptions = 26

    static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index)))
    }

    /// A Moodle answer weight in percent: at most five decimals, no trailing
    /// zeros (50, 33.33333, 16.66667), as Moodle writes and matches its grades.
    static func weight(_ percent: Double) -> String {
        var s = String(format: "%.5f", percent)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// The weight of each right letter of a multiple-choice question.
    static func share(_ rightCount: Int) -> String {
        weight(100 / Double(max(rightCount, 1)))
    }

    /// Moodle category paths start at the course's top category.
    static func moodleCategory(_ category: String) -> String {
        let flat = category.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return flat.hasPrefix("$") ? flat : "$course$/top/" + flat
    }

    static func category(fromMoodle path: String) -> String {
        var p = trimmed(path)
        if p.hasPrefix("$course$/") {
            p.removeFirst("$course$/".count)
            if p.hasPrefix("top/") { p.removeFirst("top/".count) }
        }
        return p
    }

    static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func missingMetadata(_ id: String) -> LocalizedText {
        LocalizedText(
            zh: "题目 \(id) 没有 anpei 信息（难度、知识点、法规依据），已取默认值：难度 3、无知识点、依据“未注明”，请补充",
            en: "question \(id) carries no anpei data (difficulty, knowledge points, legal source); defaults used: difficulty 3, none, source 未注明 — please complete")
    }

    static func partialCreditDropped(_ id: String) -> LocalizedText {
        LocalizedText(
            zh: "题目 \(id) 的部分得分选项按错误选项处理（anpei 单选题只有一个正确答案）",
            en: "question \(id): partial-credit answers count as wrong (an anpei single-choice question has one right answer)")
    }

    // MARK: HTML

    /// Plain text as Moodle HTML: escaped, line breaks as `<br>`. Control
    /// characters XML cannot carry are dropped.
    static func plainToHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r\n", "\r": out += "<br>"
            default:
                if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1, v < 0x20, v != 0x09 { continue }
                out.append(ch)
            }
        }
        return out
    }

    /// Moodle HTML as plain text: `<br>` and the ends of paragraphs become line
    /// breaks, other tags go, entities are decoded. Line breaks of the HTML
    /// source are layout: dropped next to tags, one space between words.
    static func htmlToPlain(_ html: String) -> String {
        let c = Array(html)
        var out = ""
        var afterTag = false
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "<", i + 1 < c.count, (c[i + 1].isASCII && c[i + 1].isLetter) || "/!?".contains(c[i + 1]),
               let end = c[(i + 1)...].firstIndex(of: ">") {
                let tag = String(c[(i + 1)..<end]).lowercased()
                let closing = tag.hasPrefix("/")
                let name = String(tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }))
                if name == "br" || (closing && blockTags.contains(name)) { out += "\n" }
                afterTag = true
                i = end + 1
                continue
            }
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                var j = i + 1
                while j < c.count, c[j] == " " || c[j] == "\t" || c[j] == "\n" || c[j] == "\r\n" || c[j] == "\r" { j += 1 }
                while out.hasSuffix(" ") || out.hasSuffix("\t") { out.removeLast() }
                let nextIsTag = j < c.count && c[j] == "<"
                if !afterTag, !nextIsTag, !out.isEmpty, j < c.count { out += " " }
                i = j
                continue
            }
            afterTag = false
            if ch == "&", let semi = c[i...].prefix(12).firstIndex(of: ";"), let decoded = entity(String(c[(i + 1)..<semi])) {
                out.append(decoded)
                i = semi + 1
                continue
            }
            out.append(ch)
            i += 1
        }
        return trimmed(out)
    }

    static let blockTags: Set<String> = ["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"]

    static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default: break
        }
        let value: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            value = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            value = UInt32(name.dropFirst())
        } else {
            value = nil
        }
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return Character(scalar)
    }
}
