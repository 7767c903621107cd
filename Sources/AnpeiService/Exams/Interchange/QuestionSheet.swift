import AnpeiDomain
import Foundation

/// The question spreadsheet Chinese training institutions exchange, saved as
/// CSV: one question per row under Chinese headers — 题型, 题干, 选项A…选项F,
/// 答案, and optionally 解析, 难度, 知识点, 依据, 编号.
///
/// All-or-nothing: every row is checked and all problems are reported
/// together (row = spreadsheet row, field = the column's header); a sheet with
/// any problem yields no questions.
public enum QuestionSheet {
    enum Column: Hashable {
        case type, stem, option(Int), answer, explanation, difficulty, points, source, id

        /// The canonical header, for problems about a column the sheet lacks.
        var label: String {
            switch self {
            case .type: "题型"
            case .stem: "题干"
            case .option(let i): "选项" + InterchangeText.letter(i)
            case .answer: "答案"
            case .explanation: "解析"
            case .difficulty: "难度"
            case .points: "知识点"
            case .source: "依据"
            case .id: "编号"
            }
        }
    }

    /// Options A…F, as the sheets have them.
    static let optionCount = 6

    static func column(_ header: String) -> Column? {
        let h = halfWidth(header).filter { !$0.isWhitespace }.uppercased()
        switch h {
        case "题型", "题目类型", "试题类型": return .type
        case "题干", "题目", "题目内容", "试题内容": return .stem
        case "答案", "正确答案", "参考答案", "标准答案": return .answer
        case "解析", "答案解析", "试题解析": return .explanation
        case "难度", "难易程度", "难易度": return .difficulty
        case "知识点": return .points
        case "依据", "法规依据", "出处": return .source
        case "编号", "试题编号", "题目编号", "ID": return .id
        default: break
        }
        let letter = h.hasPrefix("选项") ? String(h.dropFirst(2)) : h
        return (0..<optionCount).first { InterchangeText.letter($0) == letter }.map { Column.option($0) }
    }

    /// Full-width ASCII (Ａ，；１) as half-width, as Chinese input methods type it.
    static func halfWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value), let h = Unicode.Scalar(u.value - 0xFEE0) {
                out.append(h)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    public static func parse(_ data: Data, idPrefix: String) throws(InterchangeError) -> InterchangeResult {
        let text = try decode(data)
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch let e as CSVTable.ParseError {
            throw InterchangeError(row: e.row, code: "bad_csv", zh: "CSV 格式错误（第 \(e.row) 行）：\(e.message)",
                                   en: "malformed CSV (row \(e.row)): \(e.message)")
        } catch {
            throw InterchangeError(row: nil, code: "bad_csv", zh: "CSV 格式错误", en: "malformed CSV")
        }
        var columns: [Column: Int] = [:]
        var names: [Column: String] = [:]
        for (i, header) in table.header.enumerated() {
            guard let c = column(header), columns[c] == nil else { continue }
            columns[c] = i
            names[c] = header
        }
        let missing = [Column.type, .stem, .answer].filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw InterchangeError(problems: missing.map {
                InterchangeError.Problem(row: 1, field: $0.label, code: "missing_column",
                                         message: LocalizedText(zh: "缺少“\($0.label)”列", en: "the column “\($0.label)” is missing"))
            })
        }

        var questions: [Question] = []
        var problems: [InterchangeError.Problem] = []
        var unsourced: [Int] = []
        var ids: [String: Int] = [:]
        var ordinal = 0
        for row in table.rows {
            let cells = row.cells.map(\.trimmedCell)
            if cells.allSatisfy(\.isEmpty) { continue }  // Excel's empty rows: ",,,,"
            ordinal += 1
            var r = SheetRow(number: row.number, cells: cells, columns: columns, names: names)
            let given = r.cell(.id), number = String(ordinal)
            let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
            let id = given.isEmpty ? "\(idPrefix)-\(padded)" : given
            if let first = ids[id] {
                r.add(.id, "duplicate_id", zh: "编号 \(id) 与第 \(first) 行重复", en: "id \(id) repeats row \(first)")
            } else {
                ids[id] = row.number
            }
            if let q = r.question(id: id) {
                questions.append(q)
            }
            problems += r.problems
            if r.cell(.source).isEmpty { unsourced.append(row.number) }
        }
        guard problems.isEmpty else { throw InterchangeError(problems: problems) }
        var warnings: [LocalizedText] = []
        if !unsourced.isEmpty {
            let rows = unsourced.map(String.init).joined(separator: "、")
            warnings.append(LocalizedText(zh: "第 \(rows) 行没有依据，已填“\(InterchangeText.unknownLaw)”，请补充",
                                          en: "rows \(rows) have no legal source; “\(InterchangeText.unknownLaw)” (not stated) was filled in — please complete"))
        }
        return InterchangeResult(questions: questions, category: nil, warnings: warnings)
    }

    /// UTF-16 with a byte-order mark (Excel's "Unicode text"), else what
    /// `TextDecoding` reads: UTF-8 with or without BOM, GB18030.
    static func decode(_ data: Data) throws(InterchangeError) -> String {
        let bytes = [UInt8](data.prefix(2))
        if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF],
           let text = String(data: data.dropFirst(2), encoding: bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian) {
            return text
        }
        guard let decoded = try? TextDecoding.decode(data) else {
            throw InterchangeError(row: nil, code: "bad_encoding", zh: "无法识别文件编码（应为 UTF-8、GB18030 或 UTF-16）",
                                   en: "unreadable text encoding (expected UTF-8, GB18030 or UTF-16)")
        }
        return decoded.text
    }

    static func kind(_ text: String) -> Question.Kind? {
        switch text.filter({ !$0.isWhitespace }) {
        case "单选题", "单选", "单项选择题", "单项选择": .single
        case "多选题", "多选", "多项选择题", "多项选择": .multiple
        case "判断题", "判断": .trueFalse
        default: nil
        }
    }

    static let truthWords: [String: Bool] = [
        "正确": true, "对": true, "√": true, "✓": true, "✔": true, "是": true, "A": true, "T": true, "TRUE": true,
        "错误": false, "错": false, "×": false, "✗": false, "✘": false, "否": false, "B": false, "F": false, "FALSE": false,
    ]

    /// "《中华人民共和国安全生产法》第二十八条" → law "《…》", article "第二十八条";
    /// without a "第…条" after the title the whole text is the law.
    static func source(_ text: String) -> Question.Source {
        if let close = text.firstIndex(of: "》") {
            let law = String(text[...close]).trimmedCell
            let rest = String(text[text.index(after: close)...]).trimmedCell
            if rest.isEmpty { return Question.Source(law: law) }
            return isArticle(rest) ? Question.Source(law: law, article: rest) : Question.Source(law: text)
        }
        // "安全生产法第二十八条": the law is what comes before the first "第…条".
        var from = text.startIndex
        while let at = text[from...].firstIndex(of: "第") {
            let law = String(text[..<at]).trimmedCell
            let rest = String(text[at...])
            if !law.isEmpty, isArticle(rest) { return Question.Source(law: law, article: rest.trimmedCell) }
            from = text.index(after: at)
        }
        return Question.Source(law: text)
    }

    static let numerals: Set<Character> = Set("〇零一二两三四五六七八九十百千0123456789")

    static func isArticle(_ s: String) -> Bool {
        guard s.hasPrefix("第") else { return false }
        let digits = s.dropFirst().prefix(while: { numerals.contains($0) })
        return !digits.isEmpty && s.dropFirst(1 + digits.count).hasPrefix("条")
    }
}
