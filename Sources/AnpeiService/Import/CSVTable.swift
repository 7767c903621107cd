/// A parsed CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
/// commas; a trailing empty line is ignored). Row numbers are 1-based file
/// lines as a spreadsheet shows them: the header is row 1.
public struct CSVTable: Sendable {
    public var header: [String]
    /// (row number, cells)
    public var rows: [(number: Int, cells: [String])]

    public struct ParseError: Error, Sendable {
        public let row: Int
        public let message: String
    }

    public static func parse(_ text: String) throws -> CSVTable {
        var records: [(Int, [String])] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        var sawAny = false
        while let c = next() {
            sawAny = true
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else { throw ParseError(row: line, message: "quote inside an unquoted field") }
                inQuotes = true
            case ",":
                record.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                record.append(field)
                records.append((recordLine, record))
                field = ""
                record = []
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ParseError(row: recordLine, message: "unterminated quoted field") }
        if sawAny, !(field.isEmpty && record.isEmpty) {
            record.append(field)
            records.append((recordLine, record))
        }
        // Blank lines (a single empty field) carry no data.
        records.removeAll { $0.1.count == 1 && $0.1[0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = records.first else { throw ParseError(row: 1, message: "empty file") }
        return CSVTable(
            header: first.1.map { $0.trimmingCharacters(in: .whitespaces) },
            rows: records.dropFirst().map { (number: $0.0, cells: $0.1) })
    }

    /// Quotes a field for writing when needed.
    public static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

import Foundation
