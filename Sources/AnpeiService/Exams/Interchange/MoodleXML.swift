import AnpeiDomain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Moodle XML, the format Moodle sites export question banks in.
///
/// Moodle XML has no fields for difficulty, knowledge points or the legal
/// source; the export writes them as question tags (`anpei:difficulty=3`,
/// `anpei:kp=…`, `anpei:law=…`, `anpei:article=…`), which Moodle keeps, so a
/// bank that goes to Moodle and comes back keeps them. The question's name
/// carries the anpei id. Text is written as HTML (escaped, in CDATA) because
/// Moodle shows question text as HTML.
public enum MoodleXML {
    // MARK: Export

    public static func export(_ questions: [Question], category: String?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- anpei 题库导出 / exported by anpei -->\n<quiz>\n"
        if let category {
            out += "  <question type=\"category\">\n    <category>\n      <text>\(escape(InterchangeText.moodleCategory(category)))</text>\n"
            out += "    </category>\n  </question>\n"
        }
        for q in questions {
            out += write(q)
        }
        return out + "</quiz>\n"
    }

    static func write(_ q: Question) -> String {
        var isTrueFalse = false
        if case .truth = q.answer { isTrueFalse = true }
        var x = "  <question type=\"\(isTrueFalse ? "truefalse" : "multichoice")\">\n"
        x += "    <name>\n      <text>\(escape(q.id))</text>\n    </name>\n"
        x += "    <questiontext format=\"html\">\n      <text>\(html(q.stem))</text>\n    </questiontext>\n"
        x += "    <generalfeedback format=\"html\">\n      <text>\(html(q.explanation))</text>\n    </generalfeedback>\n"
        x += "    <defaultgrade>1</defaultgrade>\n    <penalty>\(isTrueFalse ? "1" : "0")</penalty>\n    <hidden>0</hidden>\n"
        switch q.answer {
        case .truth(let truth):
            for value in [true, false] {
                x += answer(fraction: value == truth ? "100" : "0", format: "moodle_auto_format", text: value ? "true" : "false")
            }
        case .letters(let right):
            let multiple = q.type == .multiple
            x += "    <single>\(multiple ? "false" : "true")</single>\n"
            x += "    <shuffleanswers>1</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n"
            // Multiple: the right letters share 100 and a wrong one costs 100, so
            // Moodle, too, gives marks only for exactly the right letters.
            let share = InterchangeText.share(right.count)
            for (letter, option) in (q.options ?? [:]).sorted(by: { $0.key < $1.key }) {
                let fraction = right.contains(letter) ? (multiple ? share : "100") : (multiple ? "-100" : "0")
                x += answer(fraction: fraction, format: "html", text: html(option))
            }
        }
        x += "    <tags>\n"
        var tags = ["anpei:difficulty=\(q.difficulty)"]
        tags += q.knowledgePoints.map { "anpei:kp=\($0)" }
        tags.append("anpei:law=\(q.source.law)")
        if let article = q.source.article { tags.append("anpei:article=\(article)") }
        for tag in tags {
            x += "      <tag><text>\(escape(tag))</text></tag>\n"
        }
        return x + "    </tags>\n  </question>\n"
    }

    static func answer(fraction: String, format: String, text: String) -> String {
        "    <answer fraction=\"\(fraction)\" format=\"\(format)\">\n      <text>\(text)</text>\n"
            + "      <feedback format=\"html\">\n        <text></text>\n      </feedback>\n    </answer>\n"
    }

    /// Plain text as escaped HTML inside CDATA (empty text as nothing).
    static func html(_ s: String) -> String {
        s.isEmpty ? "" : cdata(InterchangeText.plainToHTML(s))
    }

    /// A CDATA section; "]]>" in the text is split across two sections.
    static func cdata(_ s: String) -> String {
        "<![CDATA[" + s.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    /// Text for element content and attribute values; control characters
    /// XML 1.0 cannot carry are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1, v < 0x20, v != 0x09, v != 0x0A, v != 0x0D {
                    continue
                }
                out.append(ch)
            }
        }
        return out
    }

    // MARK: Import

    /// Reads a Moodle XML file. Refuses the whole file, naming every refused
    /// question by its ordinal, when a question is of a type anpei does not
    /// examine (essay, matching, short answer, numerical, cloze, description…)
    /// or is malformed. Questions without anpei tags get defaults and a warning.
    public static func parse(_ data: Data) throws(InterchangeError) -> InterchangeResult {
        let root = try tree(data)
        guard root.name == "quiz" else {
            throw InterchangeError(row: nil, code: "not_moodle_xml", zh: "不是 Moodle XML 文件（根元素应为 <quiz>）",
                                   en: "not a Moodle XML file (the root element must be <quiz>)")
        }
        var reader = MoodleXMLReader()
        for element in root.children where element.name == "question" {
            reader.read(element)
        }
        guard reader.problems.isEmpty else { throw InterchangeError(problems: reader.problems) }
        return InterchangeResult(questions: reader.questions, category: reader.category, warnings: reader.warnings)
    }

    static func tree(_ data: Data) throws(InterchangeError) -> MoodleNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // The parser holds its delegate weakly.
        let ok = withExtendedLifetime(builder) { parser.parse() }
        // Recovered errors count too, and so do elements left open.
        if !ok || builder.errorLine != nil || builder.stack.count != 1 {
            let line = builder.errorLine
            throw InterchangeError(row: line, code: "bad_xml",
                                   zh: "XML 格式错误" + (line.map { "（第 \($0) 行）" } ?? ""),
                                   en: "malformed XML" + (line.map { " (line \($0))" } ?? ""))
        }
        guard let root = builder.stack[0].children.first else {
            throw InterchangeError(row: nil, code: "not_moodle_xml", zh: "不是 Moodle XML 文件（根元素应为 <quiz>）",
                                   en: "not a Moodle XML file (the root element must be <quiz>)")
        }
        return root
    }
}

/// An XML element with its text (character data and CDATA, concatenated).
struct MoodleNode {
    var name: String
    var attributes: [String: String] = [:]
    var children: [MoodleNode] = []
    var text = ""

    func child(_ name: String) -> MoodleNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [MoodleNode] { children.filter { $0.name == name } }
    /// The content of the `<text>` child, as in `<name><text>…</text></name>`.
    var textChild: String { child("text")?.text ?? "" }
}

/// Builds the element tree; used synchronously by one parse only.
private final class TreeBuilder: NSObject, XMLParserDelegate, @unchecked Sendable {
    var stack: [MoodleNode] = [MoodleNode(name: "#document")]
    var errorLine: Int?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String]) {
        stack.append(MoodleNode(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard stack.count > 1 else { return }
        let node = stack.removeLast()
        stack[stack.count - 1].children.append(node)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }
}
