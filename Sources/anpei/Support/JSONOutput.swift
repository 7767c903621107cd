import Foundation

/// What `--json` prints: a typed value encoded back to JSON with the server's
/// date format (so dates read as they came), keys sorted, slashes unescaped.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = WireJSON.encoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    /// The value as a JSON object tree, for the displays that show whatever
    /// fields a type has (`RecordCLI.printRecord`): they stay generic, but are
    /// fed from a value that has passed the contract.
    static func tree<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: WireJSON.encoder().encode(value), options: [.fragmentsAllowed])
    }

    /// Pretty text of a JSON tree: a nested cell, a signed statement's payload.
    static func pretty(_ tree: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: tree, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// A value on one line, as a nested object shows in a table cell.
    static func inline<T: Encodable>(_ value: T) -> String {
        (try? encode(value).replacingOccurrences(of: "\n", with: " ")) ?? "…"
    }
}
