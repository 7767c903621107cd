import AnpeiDomain
import ArgumentParser
import Foundation

/// Client commands for the registry, talking to the JSON API with the saved
/// login. Tables by default, `--json` for scripts. Create and update take the
/// API's JSON body from a file or standard input (`--from -`).
struct RecordOptions: ParsableArguments {
    @OptionGroup var client: ClientOptions
    @OptionGroup var output: OutputOptions
}

struct PageOptions: ParsableArguments {
    @Option(help: "rows per page (1-500)") var limit: Int = 50
    @Option(help: "rows to skip") var offset: Int = 0
    @Option(name: .customLong("q"), help: "search text") var search: String?
}

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

struct EnterpriseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: "生产经营单位 / enterprises", subcommands: [List.self, Show.self, Create.self, Update.self, EnterpriseTraining.self])

    struct List: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @OptionGroup var page: PageOptions
        @Option(help: "division code (and everything under it)") var region: String?
        @Option(help: "sector code") var sector: String?
        @Option(name: .customLong("high-risk"), help: "true/false") var highRisk: Bool?
        func run() async throws {
            try await RecordCLI.list(o, path: "v1/enterprises", query: [
                .init(name: "region", value: region), .init(name: "sector", value: sector),
                .init(name: "highRisk", value: highRisk.map(String.init)), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: [("creditCode", "统一社会信用代码", "credit code"), ("name", "名称", "name"),
                         ("regionName", "区划", "region"), ("sectors", "行业", "sectors"), ("highRisk", "高危", "high risk"),
                         ("status", "状态", "status"), ("id", "编号", "id")])
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/enterprises/\(id)") }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/enterprises", from: from) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/enterprises/\(id)", from: from) }
    }
}

struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "人员与任职 / people and employment",
        subcommands: [List.self, Show.self, Create.self, Update.self, AddEmployment.self, UpdateEmployment.self])

    struct List: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @OptionGroup var page: PageOptions
        @Option(help: "enterprise id") var enterprise: String?
        @Option(help: "division code") var region: String?
        @Option(help: "role code or Chinese name") var role: String?
        @Option(name: .customLong("document-number"), help: "exact full document number") var documentNumber: String?
        @Flag(help: "only people with a current employment") var current = false
        func run() async throws {
            try await RecordCLI.list(o, path: "v1/people", query: [
                .init(name: "enterprise", value: enterprise), .init(name: "region", value: region),
                .init(name: "role", value: role), .init(name: "documentNumber", value: documentNumber),
                .init(name: "current", value: current ? "true" : nil), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: [("name", "姓名", "name"), ("documentNumber", "证件号码", "document"), ("gender", "性别", "gender"),
                         ("employments", "任职", "employment"), ("id", "编号", "id")])
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/people/\(id)") }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file (person with employment), - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/people", from: from) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/people/\(id)", from: from) }
    }
    struct AddEmployment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-employment")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON employment file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/people/\(id)/employments", from: from) }
    }
    struct UpdateEmployment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-employment")
        @OptionGroup var o: RecordOptions
        @Argument(help: "employment id") var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/employments/\(id)", from: from) }
    }
}

struct InstitutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution", abstract: "培训机构 / training institutions",
        subcommands: [List.self, Show.self, Create.self, Update.self, Status.self, Inspect.self])

    struct List: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @OptionGroup var page: PageOptions
        @Option(help: "division code") var region: String?
        @Option(help: "conforming | rectifying | cleared_out") var status: String?
        func run() async throws {
            try await RecordCLI.list(o, path: "v1/institutions", query: [
                .init(name: "region", value: region), .init(name: "status", value: status), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: [("creditCode", "统一社会信用代码", "credit code"), ("name", "名称", "name"), ("regionName", "区划", "region"),
                         ("status", "AQ8011状态", "status"), ("mayAct", "可开班", "may act"), ("id", "编号", "id")])
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/institutions/\(id)") }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions", from: from) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/institutions/\(id)", from: from) }
    }
    struct Status: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {status, rectifyDeadline, effectiveDate, note}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions/\(id)/status", from: from) }
    }
    struct Inspect: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {inspectedOn, inspector, result, findings}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions/\(id)/inspections", from: from) }
    }
}
