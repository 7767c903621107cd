/// Lists as CSV for Excel: UTF-8 with a byte-order mark (or Excel reads it as
/// the local code page), CRLF line ends, every cell quoted.
public enum CSVExport {
    public static func cell(_ s: String) -> String {
        // A leading = + - @ would be read as a formula by Excel.
        let safe = s.first.map { "=+-@".contains($0) } == true ? "'" + s : s
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func document(headers: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}" + headers.map(cell).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(cell).joined(separator: ",") + "\r\n" }
        return out
    }
}
