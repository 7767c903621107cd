import AnpeiDomain
import AnpeiStore
import Foundation

/// Field errors of one row, named by the column's Chinese header.
struct RowErrors {
    let row: Int
    let kind: ImportKind
    var errors: [FieldError] = []

    mutating func add(_ key: String, _ code: String, zh: String, en: String) {
        errors.append(FieldError(field: column(key), code: code, message: LocalizedText(zh: zh, en: en), row: row))
    }

    mutating func add(_ key: String, _ error: FieldError) {
        errors.append(FieldError(field: column(key), code: error.code, message: error.message, row: row))
    }

    /// The row's checked values, unwrapped — or nil when the row has errors
    /// (the caller reports them and skips the row). A checker returns nil only
    /// after adding an error, so nothing after this unwraps by hand
    /// (`guard case let (name, start)? = try e.accepted(name, start) else { … }`).
    func accepted<each Value>(_ values: repeat (each Value)?) throws -> (repeat each Value)? {
        guard errors.isEmpty else { return nil }
        return (repeat try (each values).guaranteed())
    }

    func column(_ key: String) -> String {
        ImportSchema.columns(kind).first { $0.key == key }?.zh ?? key
    }

    mutating func required(_ r: RowReader, _ key: String) -> String? {
        guard let v = r.get(key) else {
            add(key, "required", zh: "此项必填", en: "required")
            return nil
        }
        return v
    }

    mutating func date(_ r: RowReader, _ key: String, required: Bool) -> CivilDate? {
        guard let raw = r.get(key) else {
            if required { add(key, "required", zh: "此项必填", en: "required") }
            return nil
        }
        // Excel often writes 2024/3/1.
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           let date = CivilDate(year: y, month: m, day: d) {
            if let e = InputLimits.dateError(date, field: key) {
                add(key, e)
                return nil
            }
            return date
        }
        add(key, "invalid_date", zh: "日期无效：\(raw)（应为YYYY-MM-DD）", en: "invalid date \(raw)")
        return nil
    }

    /// R-USCC. Repeats across the file are found in SQL once the file is staged
    /// (`ImportRepository.enterpriseConflicts`), so memory does not grow with it.
    mutating func creditCode(_ r: RowReader) -> String? {
        guard let raw = required(r, "credit_code") else { return nil }
        switch CreditCode.parse(raw) {
        case .success(let c):
            return c.value
        case .failure(let p):
            add("credit_code", p.rawValue, zh: p.message.zh, en: p.message.en)
            return nil
        }
    }

    mutating func bool(_ r: RowReader, _ key: String) -> Bool? {
        guard let parsed = RowReader.bool(r.get(key)) else {
            add(key, "invalid_boolean", zh: "应填“是”或“否”", en: "must be yes or no")
            return nil
        }
        return parsed
    }
}
