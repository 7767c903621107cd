/// Control characters in text input (issue 9 §6). PostgreSQL cannot store
/// U+0000 and libpq passes C strings, so a NUL silently truncated names (and
/// the audit recorded the truncated value); other C0 controls and DEL are
/// never meaningful in names, codes or numbers. They are refused everywhere
/// with 422; tab, line feed and carriage return only in multi-line free text.
public enum ControlCharacters {
    /// Whether a scalar is a C0 control, DEL or a C1 control.
    @inline(__always)
    public static func isControl(_ s: Unicode.Scalar, allowLineBreaks: Bool) -> Bool {
        let v = s.value
        if allowLineBreaks && (v == 0x09 || v == 0x0A || v == 0x0D) { return false }
        return v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0)
    }

    public static func contains(_ text: Substring, allowLineBreaks: Bool = false) -> Bool {
        // Fast path: printable ASCII and ordinary UTF-8 (no byte below 0x20 or 0x7F;
        // C1 controls are encoded as C2 80…C2 9F).
        var previous: UInt8 = 0
        var suspicious = false
        for b in text.utf8 {
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) { suspicious = true; break }
            previous = b
        }
        guard suspicious else { return false }
        return text.unicodeScalars.contains { isControl($0, allowLineBreaks: allowLineBreaks) }
    }

    public static func contains(_ text: String, allowLineBreaks: Bool = false) -> Bool {
        contains(text[...], allowLineBreaks: allowLineBreaks)
    }

    public static func error(field: String, row: Int? = nil) -> FieldError {
        FieldError(
            field: field, code: "control_character",
            message: LocalizedText(zh: "不能包含控制字符（如 U+0000）", en: "must not contain control characters (such as U+0000)"),
            row: row)
    }

    /// The paths of the strings inside a value (its stored properties, arrays,
    /// optionals, found by reflection) that hold a control character; for
    /// inputs parsed from formats with escapes of their own, such as YAML.
    public static func fields(in value: Any, path: String, allowLineBreaks: Bool = false) -> [String] {
        if let s = value as? String { return contains(s, allowLineBreaks: allowLineBreaks) ? [path] : [] }
        var out: [String] = []
        for (i, child) in Mirror(reflecting: value).children.enumerated() {
            let name = child.label.map { $0 == "some" ? path : "\(path).\($0)" } ?? "\(path).\(i)"
            out += fields(in: child.value, path: name, allowLineBreaks: allowLineBreaks)
        }
        return out
    }
}
