import AnpeiDomain
import Foundation


/// Bulk loads: COPY into a temporary staging table, then set-based upserts on
/// the natural keys (credit code; document type + number; person + enterprise
/// + start date). Updated rows get an audit row each, written by SQL in the
/// same transaction.
public struct ImportRepository: Sendable {
    public let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// COPY text format: backslash escapes, \N for NULL.
    static func field(_ s: String?) -> String {
        guard let s else { return "\\N" }
        if !s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func array(_ items: [String]) -> String {
        // Codes (the usual content) need no quoting at all.
        if items.allSatisfy({ !$0.isEmpty && $0 != "null" && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2E } }) {
            return "{" + items.joined(separator: ",") + "}"
        }
        // Array literal inside a COPY field: quote each element, escape for both layers.
        return field("{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}")
    }

    func copy<T>(_ rows: [T], into sql: String, progress: (Int) -> Void, line: (T) -> String) throws {
        _ = try conn.copyIn(sql) { write in
            var chunk = ""
            chunk.reserveCapacity(1 << 20)
            for (i, row) in rows.enumerated() {
                chunk += line(row)
                chunk += "\n"
                if chunk.utf8.count > (1 << 20) - 4096 {
                    try write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                    progress(i + 1)
                }
            }
            if !chunk.isEmpty { try write(chunk) }
            progress(rows.count)
        }
    }
}
