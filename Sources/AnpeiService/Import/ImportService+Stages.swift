import AnpeiDomain
import AnpeiStore
import Foundation

/// What an import reports whatever its kind: syntax errors, repeats across
/// the file, the capped error list, control characters. The per-kind steps
/// are `RowImport`s.
extension ImportService {
    static func syntax(_ zh: String, _ en: String, row: Int) -> ServiceError {
        .validation([FieldError(field: "file", code: "csv_syntax", message: LocalizedText(zh: zh, en: en), row: row)])
    }

    /// Repeats across the whole file, found in SQL on the staging table, as field errors.
    static func crossRowErrors(_ kind: ImportKind, repo: ImportRepository, limit: Int) throws -> [FieldError] {
        let conflicts = try kind.rows.conflicts(repo, limit: limit)
        return conflicts.map { c in
            let column = ImportSchema.columns(kind).first { $0.key == c.column }?.zh ?? c.column
            let message: LocalizedText = switch c.kind {
            case .duplicate: LocalizedText(zh: "与第\(c.firstRow)行重复", en: "repeats row \(c.firstRow)")
            case .conflictingRepeat:
                LocalizedText(zh: "与第\(c.firstRow)行的同一证件信息不一致", en: "differs from row \(c.firstRow) for the same document")
            case .unknownParent:
                LocalizedText(zh: "上级区划不存在：\(c.value ?? "")", en: "no parent division \(c.value ?? "")")
            }
            let code = switch c.kind {
            case .duplicate: "duplicate_row"
            case .conflictingRepeat: "conflicting_repeat"
            case .unknownParent: "unknown_parent"
            }
            return FieldError(field: column, code: code, message: message, row: c.row)
        }
    }

    /// The errors of a file: the first `cap` in row order are kept, the rest counted.
    struct ErrorList {
        let cap: Int
        var kept: [FieldError] = []
        var total = 0

        mutating func add(_ errors: [FieldError]) {
            total += errors.count
            for e in errors where kept.count < cap { kept.append(e) }
        }

        var report: [FieldError] {
            var out = kept.sorted { ($0.row ?? 0) < ($1.row ?? 0) }
            if total > kept.count {
                let rest = total - kept.count
                out.append(FieldError(field: "file", code: "more_errors",
                                      message: LocalizedText(zh: "另有 \(rest) 处错误未列出", en: "\(rest) more errors not listed")))
            }
            return out
        }
    }

    /// Columns of free text, where a quoted cell may hold line breaks and tabs.
    static let multiLineColumns: Set<String> = ["high_risk_override_reason", "note", "remarks", "findings", "description"]

    /// No cell may hold a control character (issue 9 §6); line breaks and tabs
    /// only in free-text columns (`multiLineColumns`).
    static func controlCharacterErrors(_ table: CSVTable, index: [String: Int]) -> [FieldError] {
        var out: [FieldError] = []
        var multiLine = Set<Int>()
        for (key, i) in index where multiLineColumns.contains(key) { multiLine.insert(i) }
        for (i, name) in table.header.enumerated() where ControlCharacters.contains(name) {
            out.append(ControlCharacters.error(field: "column \(i + 1)", row: 1))
        }
        for row in table.rows {
            for (i, cell) in row.cells.enumerated() where ControlCharacters.contains(cell, allowLineBreaks: multiLine.contains(i)) {
                let column = i < table.header.count ? table.header[i] : "column \(i + 1)"
                out.append(ControlCharacters.error(field: column, row: row.number))
            }
        }
        return out
    }
}
