import CLibPQ
import Foundation

/// A query result, copied out of libpq eagerly so it can leave the database
/// thread: every value is held as its text form (or nil for NULL).
public struct PGResult: Sendable {
    public let columns: [String]
    public let rows: [PGRow]
    /// Rows affected by INSERT/UPDATE/DELETE/COPY.
    public let commandTuples: Int

    init(_ result: OpaquePointer) {
        defer { PQclear(result) }
        let nColumns = Int(PQnfields(result))
        let nRows = Int(PQntuples(result))
        var names: [String] = []
        var types: [UInt32] = []
        for c in 0..<nColumns {
            names.append(String(cString: PQfname(result, Int32(c))))
            types.append(UInt32(PQftype(result, Int32(c))))
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let layout = PGRow.Layout(names: names, types: types, index: index)
        var rows: [PGRow] = []
        rows.reserveCapacity(nRows)
        for r in 0..<nRows {
            var values: [String?] = []
            values.reserveCapacity(nColumns)
            for c in 0..<nColumns {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
                }
            }
            rows.append(PGRow(layout: layout, values: values))
        }
        self.columns = names
        self.rows = rows
        self.commandTuples = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var first: PGRow? { rows.first }

    /// The row a statement always returns (an aggregate, an insert's
    /// RETURNING); none is a usage error, not a crash.
    public func one() throws -> PGRow {
        guard let row = rows.first else { throw StoreError.usage("expected a row, got none") }
        return row
    }
}

/// One result row. Decode a column with `row.decode("name", as: T.self)`;
/// NULL is decoded only into an Optional and is an error otherwise.
public struct PGRow: Sendable {
    final class Layout: Sendable {
        let names: [String]
        let types: [UInt32]
        let index: [String: Int]
        init(names: [String], types: [UInt32], index: [String: Int]) {
            self.names = names
            self.types = types
            self.index = index
        }
    }

    let layout: Layout
    let values: [String?]

    /// The raw text of a column, nil for NULL.
    public func text(_ column: String) throws -> String? {
        guard let i = layout.index[column] else { throw StoreError.usage("no column \(column)") }
        return values[i]
    }

    public func decode<T: PGDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let i = layout.index[column] else { throw StoreError.usage("no column \(column)") }
        return try T.decode(pgText: values[i], column: column)
    }
}

/// Types that can be decoded from a column's text form.
public protocol PGDecodable: Sendable {
    static func decode(pgText: String?, column: String) throws -> Self
}

/// Types that cannot be NULL decode through this helper.
public protocol PGNonNullDecodable: PGDecodable {
    init?(pgText: String)
}

extension PGNonNullDecodable {
    public static func decode(pgText: String?, column: String) throws -> Self {
        guard let pgText else { throw StoreError.decoding(column: column, message: "unexpected NULL") }
        guard let value = Self(pgText: pgText) else {
            throw StoreError.decoding(column: column, message: "cannot decode \(Self.self)")
        }
        return value
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public static func decode(pgText: String?, column: String) throws -> Wrapped? {
        guard let pgText else { return nil }
        return try Wrapped.decode(pgText: pgText, column: column)
    }
}

extension String: PGNonNullDecodable { public init?(pgText: String) { self = pgText } }
extension Int: PGNonNullDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Int32: PGNonNullDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Int64: PGNonNullDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Double: PGNonNullDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Bool: PGNonNullDecodable {
    public init?(pgText: String) {
        switch pgText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
extension UUID: PGNonNullDecodable { public init?(pgText: String) { self.init(uuidString: pgText) } }
extension Date: PGNonNullDecodable {
    public init?(pgText: String) {
        guard let d = PGTimestamp.parse(pgText) else { return nil }
        self = d
    }
}
extension PGDate: PGNonNullDecodable {
    public init?(pgText: String) { self.init(pgText) }
}
extension PGJSON: PGNonNullDecodable {
    public init?(pgText: String) { self.init(json: pgText) }
}
extension PGBytes: PGNonNullDecodable {
    /// bytea in hex output format: "\x0a1b…".
    public init?(pgText: String) {
        guard pgText.hasPrefix("\\x") else { return nil }
        let hex = Array(pgText.utf8.dropFirst(2))
        guard hex.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < hex.count {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self.init(out)
    }
}

/// One-dimensional arrays of decodable elements ("{a,b,\"c d\",NULL}").
extension Array: PGDecodable where Element: PGDecodable {
    public static func decode(pgText: String?, column: String) throws -> [Element] {
        guard let pgText else { throw StoreError.decoding(column: column, message: "unexpected NULL") }
        guard let items = PGArrayParser.parse(pgText) else {
            throw StoreError.decoding(column: column, message: "malformed array")
        }
        return try items.map { try Element.decode(pgText: $0, column: column) }
    }
}

enum PGArrayParser {
    static func parse(_ text: String) -> [String?]? {
        var chars = Array(text)
        // Arrays with explicit bounds ("[0:1]={…}") start after '='.
        if chars.first == "[", let eq = chars.firstIndex(of: "=") { chars = Array(chars[(eq + 1)...]) }
        guard chars.first == "{", chars.last == "}" else { return nil }
        var items: [String?] = []
        var i = 1
        let end = chars.count - 1
        if i == end { return [] }
        while i <= end {
            if chars[i] == "\"" {
                var value = ""
                i += 1
                while i < end, chars[i] != "\"" {
                    if chars[i] == "\\" { i += 1 }
                    guard i < end else { return nil }
                    value.append(chars[i])
                    i += 1
                }
                i += 1
                items.append(value)
            } else {
                var value = ""
                while i < end, chars[i] != "," {
                    value.append(chars[i])
                    i += 1
                }
                guard !value.contains("{") else { return nil }  // nested arrays unsupported
                items.append(value == "NULL" ? nil : value)
            }
            guard i == end || chars[i] == "," else { return nil }
            i += 1
        }
        return items
    }
}

/// The rows, as a collection (`for row in result`, `result.map`).
extension PGResult: RandomAccessCollection {
    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PGRow { rows[position] }
}
