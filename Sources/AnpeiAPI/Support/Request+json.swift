import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body of at most `context.maxUploadSize` bytes. Unlike
    /// Hummingbird's `decode`, it lets `DecodingError` through so the problem
    /// middleware can name the missing or mistyped field. Strings carrying
    /// control characters are refused first (422), whatever the body type.
    func json<T: Decodable>(_ type: T.Type, context: AnpeiRequestContext, limit: Int? = nil) async throws -> T {
        let buffer = try await body.collect(upTo: limit ?? context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        try JSONHygiene.check(data)
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// Control characters in JSON bodies (issue 9 §6). A raw control character is
/// already invalid JSON (400); this finds the escaped ones (`\u0000`, `\b`…)
/// and line breaks outside multi-line fields, and names the field.
enum JSONHygiene {
    /// Free-text fields where tab and line breaks are legitimate.
    static let multiLineKeys: Set<String> = [
        "reason", "note", "notes", "description", "problems", "remarks", "comment", "explanation", "fixes", "text", "findings",
    ]

    static func check(_ data: Data) throws {
        guard mayContainControls(data) else { return }
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        var errors: [FieldError] = []
        walk(root, path: "", key: nil, errors: &errors)
        if !errors.isEmpty { throw ServiceError.validation(Array(errors.prefix(20))) }
    }

    /// Fast scan: an escape that can produce a control character, or a raw C1 control.
    static func mayContainControls(_ data: Data) -> Bool {
        var escaped = false
        var previous: UInt8 = 0
        for b in data {
            if escaped {
                if b == UInt8(ascii: "u") || b == UInt8(ascii: "b") || b == UInt8(ascii: "f") || b == UInt8(ascii: "t")
                    || b == UInt8(ascii: "n") || b == UInt8(ascii: "r")
                { return true }
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if previous == 0xC2 && b >= 0x80 && b < 0xA0 {
                return true
            }
            previous = b
        }
        return false
    }

    private static func walk(_ value: Any, path: String, key: String?, errors: inout [FieldError]) {
        switch value {
        case let s as String:
            let allow = key.map { multiLineKeys.contains($0) } ?? false
            if ControlCharacters.contains(s, allowLineBreaks: allow) {
                errors.append(ControlCharacters.error(field: path.isEmpty ? "body" : path))
            }
        case let object as [String: Any]:
            for (k, v) in object.sorted(by: { $0.key < $1.key }) {
                let p = path.isEmpty ? k : "\(path).\(k)"
                if ControlCharacters.contains(k) { errors.append(ControlCharacters.error(field: path.isEmpty ? "body" : path)) }
                walk(v, path: p, key: k, errors: &errors)
            }
        case let array as [Any]:
            for (i, v) in array.enumerated() { walk(v, path: "\(path).\(i)", key: key, errors: &errors) }
        default:
            break
        }
    }
}
