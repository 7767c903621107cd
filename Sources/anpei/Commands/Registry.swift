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
