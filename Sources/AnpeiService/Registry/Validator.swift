import AnpeiDomain
import Foundation

/// Collects field errors for one input, so a caller learns every problem at once.
struct Validator {
    var errors: [FieldError] = []

    mutating func add(_ field: String, _ code: String, zh: String, en: String) {
        errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
    }

    mutating func add(_ error: FieldError?) {
        if let error { errors.append(error) }
    }

    /// Trimmed non-empty text of at most `max` characters, without control
    /// characters (line breaks and tabs only where `multiline`).
    mutating func text(_ value: String?, _ field: String, max: Int = 200, required: Bool = true, multiline: Bool = false) -> String? {
        let t = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if t.isEmpty {
            if required { add(field, "required", zh: "此项必填", en: "required") }
            return nil
        }
        if ControlCharacters.contains(t, allowLineBreaks: multiline) {
            errors.append(ControlCharacters.error(field: field))
            return nil
        }
        if t.count > max { add(field, "too_long", zh: "不能超过\(max)个字符", en: "at most \(max) characters") }
        return t
    }

    /// An optional id: nil when absent; a malformed one (the empty string too) is recorded as an error.
    mutating func uuid(_ value: String?, _ field: String) -> UUID? {
        guard let value else { return nil }
        guard let id = UUID(uuidString: value) else {
            add(field, "invalid_id", zh: "编号格式不正确", en: "not a valid id")
            return nil
        }
        return id
    }

    mutating func date(_ value: String?, _ field: String, required: Bool = true) -> CivilDate? {
        guard let value, !value.isEmpty else {
            if required { add(field, "required", zh: "此项必填", en: "required") }
            return nil
        }
        switch InputLimits.date(value, field: field) {
        case .success(let d): return d
        case .failure(let e):
            errors.append(e)
            return nil
        }
    }

    mutating func creditCode(_ value: String?, _ field: String = "creditCode") -> String? {
        guard let raw = text(value, field, max: 18) else { return nil }
        switch CreditCode.parse(raw) {
        case .success(let code): return code.value
        case .failure(let problem):
            errors.append(FieldError(field: field, code: problem.rawValue, message: problem.message))
            return nil
        }
    }

    mutating func regionCode(_ value: String?, _ field: String = "regionCode") -> String? {
        guard let raw = text(value, field, max: 9) else { return nil }
        guard RegionCode(raw) != nil else {
            add(field, "invalid_region_code", zh: "行政区划代码应为6位或9位数字", en: "must be a 6- or 9-digit division code")
            return nil
        }
        return raw
    }

    mutating func phone(_ value: String?, _ field: String = "phone") -> String? {
        guard let t = text(value, field, max: 20, required: false) else { return nil }
        guard PhoneFormat.valid(t) else {
            add(field, "invalid_phone", zh: "电话号码格式不正确", en: "not a phone number")
            return nil
        }
        return t
    }

    func finish() throws {
        if !errors.isEmpty { throw ServiceError.validation(errors) }
    }

    /// Finishes and hands back the checked values, unwrapped: a checker
    /// returns nil only after recording an error, so once there are none every
    /// value is present — and nothing after validation unwraps by hand
    /// (`let (date, reason) = try v.finish(dateField, reasonField)`).
    func finish<each Value>(_ values: repeat (each Value)?) throws -> (repeat each Value) {
        try finish()
        return (repeat try (each values).guaranteed())
    }
}

extension CallContext {
    var isAdmin: Bool { principal.role == .admin && principal.scope == .all }
}

/// Row references ("is this region known?") become field errors.
func unknownReference(_ field: String) -> FieldError {
    FieldError(field: field, code: "unknown_reference", message: LocalizedText(zh: "引用的记录不存在", en: "no such record"))
}

/// A credit code registered twice (enterprises and institutions alike).
func creditCodeTaken(_ code: String) -> ServiceError {
    .conflict(code: "credit_code_taken", field: "creditCode",
              message: LocalizedText(zh: "统一社会信用代码 \(code) 已登记", en: "credit code \(code) is already registered"))
}
