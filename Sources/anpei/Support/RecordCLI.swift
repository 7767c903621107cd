import AnpeiDomain
import AnpeiWire
import ArgumentParser
import Foundation

/// The registry-style commands: a page as a table, one record as a
/// field/value table, a body from a file sent as it is. Every answer is
/// decoded as its wire type first; only the display is generic.
enum RecordCLI {
    static func list<Item: Codable & Sendable>(
        _ o: RecordOptions, path: String, query: [URLQueryItem], columns: [Column<Item>]
    ) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        let page = try await api.get(path, query: query.filter { $0.value != nil && $0.value != "" }, as: Page<Item>.self)
        if o.output.json {
            print(try JSONOutput.encode(page))
            return
        }
        let zh = o.output.language == .zh
        print(Table.render(page.items, columns: columns, language: o.output.language))
        let first = page.items.isEmpty ? 0 : page.offset + 1
        let last = page.offset + page.items.count
        print(zh ? "共 \(page.total) 条，显示第 \(first)–\(last) 条" : "\(page.total) in all, showing \(first)-\(last)")
    }

    static func show<Record: Codable>(_ o: RecordOptions, path: String, as: Record.Type) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        try printRecord(try await api.get(path, as: Record.self), o)
    }

    /// Sends the user's JSON file (`--from`, `-` for stdin) as it is: the
    /// server checks it against the request type and names bad fields.
    static func send<Reply: Codable>(
        _ o: RecordOptions, method: String, path: String, from: String, as: Reply.Type
    ) async throws {
        let body: Data
        if from == "-" {
            body = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw CLIError.message(o.output.language == .zh ? "无法读取文件 \(from)" : "cannot read \(from)")
            }
            body = data
        }
        // Caught here, so a typo in the file gets a plain message instead of a round trip.
        guard (try? JSONSerialization.jsonObject(with: body)) != nil else {
            throw CLIError.message(o.output.language == .zh ? "输入不是有效的 JSON" : "the input is not valid JSON")
        }
        let api = try APIClient.signedIn(o.client, o.output)
        try printRecord(try await api.send(method, path, data: body, contentType: "application/json", as: Reply.self), o)
    }

    /// One record: its JSON with --json, otherwise a table of its fields.
    static func printRecord<Record: Encodable>(_ record: Record, _ o: RecordOptions) throws {
        if o.output.json {
            print(try JSONOutput.encode(record))
            return
        }
        print(fieldTable(try JSONOutput.tree(record) as? [String: Any] ?? [:], language: o.output.language))
    }

    /// Every field of an object, sorted, one row each.
    static func fieldTable(_ object: [String: Any], language: Language) -> String {
        Table.render(headers: language == .zh ? ["字段", "值"] : ["field", "value"],
                     rows: object.keys.sorted().map { [$0, cell(object[$0])] })
    }

    /// A JSON value as a field/value table shows it.
    static func cell(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "-"
        case let s as String: return s
        // JSON numbers arrive as NSNumber, and on Linux 0 and 1 also cast to
        // Bool: only a boolean's type code ("c") means yes/no.
        case let n as NSNumber where String(cString: n.objCType) != "c": return n.stringValue
        case let b as Bool: return b ? "是" : "否"
        case let a as [Any]: return a.map { cell($0) }.joined(separator: "、")
        case let d as [String: Any]:
            if let label = d["label"] as? String { return label }
            if let name = d["name"] as? String { return (d["kind"] as? String).map { "\($0):\(name)" } ?? name }
            return (try? JSONOutput.pretty(d).replacingOccurrences(of: "\n", with: " ")) ?? "…"
        default: return "\(value!)"
        }
    }
}
