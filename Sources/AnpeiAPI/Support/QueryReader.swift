import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// Reads query parameters strictly, collecting every problem as a field error
/// (422): a parameter that is present must have a valid value — an empty
/// `?date=` is an error, not "no date" — years, dates and paging stay inside
/// `InputLimits`, and no value may carry a control character.
struct QueryReader {
    let params: [String: String]
    var errors: [FieldError] = []

    init(_ request: Request) {
        var p: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { p[String(k)] = String(v) }
        params = p
        for (name, value) in p.sorted(by: { $0.key < $1.key }) where ControlCharacters.contains(value) {
            errors.append(ControlCharacters.error(field: name))
        }
    }

    private mutating func invalid(_ name: String) {
        guard !errors.contains(where: { $0.field == name }) else { return }
        errors.append(FieldError(field: name, code: "invalid_value",
                                 message: LocalizedText(zh: "参数“\(name)”的值无效", en: "invalid value for \(name)")))
    }

    /// The raw value; present but empty is an error.
    mutating func string(_ name: String) -> String? {
        guard let v = params[name] else { return nil }
        if v.isEmpty || ControlCharacters.contains(v) {
            invalid(name)
            return nil
        }
        return v
    }

    mutating func parsed<T>(_ name: String, _ convert: (String) -> T?) -> T? {
        guard let raw = string(name) else { return nil }
        if let v = convert(raw) { return v }
        invalid(name)
        return nil
    }

    mutating func required(_ name: String) -> String? {
        if params[name] == nil {
            errors.append(FieldError(field: name, code: "required", message: LocalizedText(zh: "此项必填", en: "required")))
            return nil
        }
        return string(name)
    }

    /// An integer; digits only (no "+", no spaces), so "1e3" or "0x10" are refused.
    mutating func int(_ name: String) -> Int? {
        parsed(name) { raw in raw.utf8.count <= 18 && raw.range(of: "^-?[0-9]+$", options: .regularExpression) != nil ? Int(raw) : nil }
    }
    mutating func bool(_ name: String) -> Bool? { parsed(name) { Bool($0) } }
    mutating func uuid(_ name: String) -> UUID? { parsed(name) { UUID(uuidString: $0) } }
    /// A division code, validated (6 or 9 digits) and returned as sent.
    mutating func regionCode(_ name: String = "region") -> String? { parsed(name) { RegionCode($0) != nil ? $0 : nil } }
    /// A division code filter: the region and everything under it.
    mutating func region(_ name: String) -> String? { parsed(name) { RegionCode($0)?.prefix } }

    mutating func year(_ name: String = "year") -> Int? {
        guard let y = int(name) else { return nil }
        if let e = InputLimits.yearError(y, field: name) {
            errors.append(e)
            return nil
        }
        return y
    }

    mutating func date(_ name: String = "date") -> CivilDate? {
        guard let raw = string(name) else { return nil }
        switch InputLimits.date(raw, field: name) {
        case .success(let d): return d
        case .failure(let e):
            errors.append(e)
            return nil
        }
    }

    /// Page size in `InputLimits.pageLimit`; refused (never clamped) outside it.
    mutating func limit(default value: Int) -> Int {
        guard let l = int("limit") else { return value }
        if !InputLimits.pageLimit.contains(l) {
            errors.append(FieldError(field: "limit", code: "out_of_range", message: LocalizedText(
                zh: "每页条数须在\(InputLimits.pageLimit.lowerBound)到\(InputLimits.pageLimit.upperBound)之间",
                en: "limit must be between \(InputLimits.pageLimit.lowerBound) and \(InputLimits.pageLimit.upperBound)")))
            return value
        }
        return l
    }

    mutating func offset() -> Int {
        guard let o = int("offset") else { return 0 }
        if o < 0 || o > InputLimits.maxOffset {
            errors.append(FieldError(field: "offset", code: "out_of_range", message: LocalizedText(
                zh: "偏移量须在0到\(InputLimits.maxOffset)之间", en: "offset must be between 0 and \(InputLimits.maxOffset)")))
            return 0
        }
        return o
    }

    func finish() throws {
        if !errors.isEmpty { throw ServiceError.validation(errors) }
    }

    /// Finishes and hands back required parameters unwrapped (`required` adds
    /// an error for each one missing, so none is nil once there are no errors).
    func finish<each Value>(_ values: repeat (each Value)?) throws -> (repeat each Value) {
        try finish()
        return (repeat try (each values).guaranteed())
    }
}
