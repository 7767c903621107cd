import AnpeiDomain
import ArgumentParser
import Foundation

enum RecordCLI {
    static func list(_ o: RecordOptions, path: String, query: [URLQueryItem], columns: [(String, String, String)]) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        let reply = try await api.json("GET", path, query: query.filter { $0.value != nil && $0.value != "" })
        if o.output.json {
            print(try pretty(reply))
            return
        }
        let page = reply as? [String: Any] ?? [:]
        let items = page["items"] as? [[String: Any]] ?? []
        let zh = o.output.language == .zh
        print(Table.render(
            headers: columns.map { zh ? $0.1 : $0.2 },
            rows: items.map { item in columns.map { cell(item[$0.0]) } }))
        let total = page["total"] as? Int ?? items.count
        let offset = page["offset"] as? Int ?? 0
        print(zh ? "共 \(total) 条，显示第 \(items.isEmpty ? 0 : offset + 1)–\(offset + items.count) 条"
            : "\(total) in all, showing \(items.isEmpty ? 0 : offset + 1)-\(offset + items.count)")
    }

    static func show(_ o: RecordOptions, path: String) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        let reply = try await api.json("GET", path)
        try printRecord(reply, o)
    }

    static func send(_ o: RecordOptions, method: String, path: String, from: String) async throws {
        let body: Data
        if from == "-" {
            body = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw CLIError.message(o.output.language == .zh ? "无法读取文件 \(from)" : "cannot read \(from)")
            }
            body = data
        }
        guard (try? JSONSerialization.jsonObject(with: body)) != nil else {
            throw CLIError.message(o.output.language == .zh ? "输入不是有效的 JSON" : "the input is not valid JSON")
        }
        let api = try APIClient.signedIn(o.client, o.output)
        try printRecord(try await api.json(method, path, body: body), o)
    }

    /// One API call as the signed-in user: an optional `date` query (status
    /// on that day) and an optional JSON body.
    static func request(_ o: RecordOptions, _ method: String, _ path: String, date: String? = nil,
                        body: [String: Any]? = nil) async throws -> Any {
        let api = try APIClient.signedIn(o.client, o.output)
        return try await api.json(method, path, query: date.map { [URLQueryItem(name: "date", value: $0)] } ?? [],
                                  body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
    }

    static func printRecord(_ reply: Any, _ o: RecordOptions) throws {
        if o.output.json {
            print(try pretty(reply))
            return
        }
        let object = reply as? [String: Any] ?? [:]
        let rows = object.keys.sorted().map { [$0, cell(object[$0])] }
        print(Table.render(headers: o.output.language == .zh ? ["字段", "值"] : ["field", "value"], rows: rows))
    }

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
            return (try? pretty(d).replacingOccurrences(of: "\n", with: " ")) ?? "…"
        default: return "\(value!)"
        }
    }

    static func pretty(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
