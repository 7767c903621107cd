import Foundation

/// One edition of the national statistical division codes (统计用区划代码) as
/// shipped in db/reference/divisions: provinces (2 digits), cities (4), areas
/// (6) and streets (9), each with its parent. Codes of 2 and 4 digits are
/// padded to the 6-digit GB/T 2260 form (`14` → `140000`, `1408` → `140800`);
/// municipalities keep their `市辖区` prefecture row (`3101` → `310100`).
public struct DivisionEdition: Sendable {
    public struct Division: Sendable, Equatable {
        public let code: String
        public let name: String
        public let parentCode: String?
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missingColumn(file: String, column: String)
        case badRow(file: String, line: Int, reason: String)

        public var description: String {
            switch self {
            case .missingColumn(let file, let column): "\(file): no column \(column)"
            case .badRow(let file, let line, let reason): "\(file) line \(line): \(reason)"
            }
        }
    }

    /// Parents before children, as an insert needs them.
    public let divisions: [Division]

    /// The four files' texts, keyed by file name (`provinces.csv`, …).
    public init(files: [String: String]) throws {
        var out: [Division] = []
        for (file, level, parentColumn) in [
            ("provinces.csv", 2, nil as String?), ("cities.csv", 4, "provinceCode"), ("areas.csv", 6, "cityCode"),
            ("streets.csv", 9, "areaCode"),
        ] {
            let rows = try Self.rows(files[file] ?? "", file: file, columns: ["code", "name"] + (parentColumn.map { [$0] } ?? []))
            for (line, cells) in rows {
                let code = cells[0]
                guard code.count == level, code.allSatisfy(\.isASCIIDigit) else {
                    throw Problem.badRow(file: file, line: line, reason: "code \(code) is not \(level) digits")
                }
                guard !cells[1].isEmpty else { throw Problem.badRow(file: file, line: line, reason: "no name") }
                let parent = parentColumn == nil ? nil : Self.gbCode(cells[2])
                // A prefecture-level city without counties (东莞市 4419, 中山市 4420,
                // 儋州市 4604) is listed again as its own area, 441900 under 4419:
                // one division, already in.
                if parent == Self.gbCode(code) { continue }
                out.append(Division(code: Self.gbCode(code), name: cells[1], parentCode: parent))
            }
        }
        divisions = out
    }

    /// 2 and 4 digits padded to six; 6 and 9 digits as they are.
    static func gbCode(_ code: String) -> String {
        code.count < 6 ? code + String(repeating: "0", count: 6 - code.count) : code
    }

    /// Data rows (line number, cells in the order of `columns`) of a CSV file with
    /// a header; cells may be quoted ("…", with "" for a quote).
    static func rows(_ text: String, file: String, columns: [String]) throws -> [(Int, [String])] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else { throw Problem.missingColumn(file: file, column: columns[0]) }
        let header = split(String(headerLine).replacingOccurrences(of: "\u{FEFF}", with: ""))
        let index = try columns.map { column -> Int in
            guard let i = header.firstIndex(of: column) else { throw Problem.missingColumn(file: file, column: column) }
            return i
        }
        var out: [(Int, [String])] = []
        out.reserveCapacity(lines.count)
        for (n, line) in lines.enumerated().dropFirst() {
            let cells = split(String(line).trimmingCharacters(in: .whitespacesAndNewlines))
            guard index.allSatisfy({ $0 < cells.count }) else {
                throw Problem.badRow(file: file, line: n + 1, reason: "expected \(header.count) cells")
            }
            out.append((n + 1, index.map { cells[$0].trimmingCharacters(in: .whitespaces) }))
        }
        return out
    }

    static func split(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    // "" inside quotes is a quote; a lone " ends the quoted part.
                    var lookahead = chars
                    if lookahead.next() == "\"" { cell.append("\""); chars = lookahead } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }
}
