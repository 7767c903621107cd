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

    /// Parses over UTF-8 bytes: quotes, commas and line breaks are ASCII, so
    /// they never occur inside a multi-byte character.
    public static func parse(_ text: String) throws -> CSVTable {
        let (records, _) = try parseRecords(Array(text.utf8)[...], firstLine: 1)
        guard let first = records.first else { throw ParseError(row: 1, message: "empty file") }
        return CSVTable(
            header: first.cells.map { $0.trimmedCell },
            rows: Array(records.dropFirst()))
    }

    /// The records of a piece of a file that ends at a record boundary (or at
    /// the end of the file), numbered from `firstLine`; blank lines dropped.
    /// Returns the line number after the piece, for the next one.
    public static func parseRecords(_ bytes: ArraySlice<UInt8>, firstLine: Int) throws
        -> (records: [(number: Int, cells: [String])], nextLine: Int)
    {
        let bytes = Array(bytes)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [(Int, [String])] = []
        var record: [String] = []
        var line = firstLine
        var recordLine = firstLine
        var i = 0
        let n = bytes.count
        while i < n {
            var field: String
            if bytes[i] == quote {
                // Quoted field: up to the closing quote; "" is a literal quote.
                var buf: [UInt8] = []
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            buf.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if b == lf { line += 1 }
                    buf.append(b)
                    i += 1
                }
                guard closed else { throw ParseError(row: recordLine, message: "unterminated quoted field") }
                field = String(decoding: buf, as: UTF8.self)
                // Only a separator may follow the closing quote.
                while i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    guard bytes[i] == 0x20 || bytes[i] == 0x09 else {
                        throw ParseError(row: recordLine, message: "text after a closing quote")
                    }
                    i += 1
                }
            } else {
                let start = i
                while i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    guard bytes[i] != quote else { throw ParseError(row: line, message: "quote inside an unquoted field") }
                    i += 1
                }
                field = String(decoding: bytes[start..<i], as: UTF8.self)
            }
            record.append(field)
            if i < n, bytes[i] == comma {
                i += 1
                if i == n { record.append("") }
                continue
            }
            // End of record: CRLF, LF or lone CR.
            if i < n, bytes[i] == cr { i += 1 }
            if i < n, bytes[i] == lf { i += 1 }
            records.append((recordLine, record))
            record = []
            line += 1
            recordLine = line
        }
        if !record.isEmpty { records.append((recordLine, record)) }
        // Blank lines (a single empty field) carry no data.
        records.removeAll { $0.1.count == 1 && $0.1[0].trimmedCell.isEmpty }
        return (records.map { (number: $0.0, cells: $0.1) }, line)
    }

    /// Quotes a field for writing when needed.
    public static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

import AnpeiDomain
import Foundation
