import AnpeiDomain
import AnpeiStore
import Foundation

/// Reads one CSV row by column key.
struct RowReader {
    let cells: [String]
    let index: [String: Int]
    let row: Int

    /// Trimmed text, nil when empty or absent.
    func get(_ key: String) -> String? {
        guard let i = index[key], i < cells.count else { return nil }
        let t = cells[i].trimmedCell
        return t.isEmpty ? nil : t
    }

    static func bool(_ text: String?) -> Bool?? {
        guard let text else { return .some(nil) }
        switch text.lowercased() {
        case "是", "y", "yes", "true", "1", "t": return true
        case "否", "n", "no", "false", "0", "f": return false
        default: return nil
        }
    }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "、;；|,，".contains($0) })
            .map { String($0).trimmedCell }.filter { !$0.isEmpty }
    }
}
