import AnpeiDomain
import AnpeiWire
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
            let columns: [Column<Enterprise>] = [
                Column("统一社会信用代码", "credit code", \.creditCode), Column("名称", "name", \.name),
                Column("区划", "region", \.regionName), Column("行业", "sectors", \.sectors), Column("高危", "high risk", \.highRisk),
                Column("状态", "status", value: { $0.status.rawValue }), Column("编号", "id", \.id),
            ]
            try await RecordCLI.list(o, path: "v1/enterprises", query: [
                .init(name: "region", value: region), .init(name: "sector", value: sector),
                .init(name: "highRisk", value: highRisk.map(String.init)), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: columns)
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/enterprises/\(id)", as: Enterprise.self) }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/enterprises", from: from, as: Enterprise.self) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/enterprises/\(id)", from: from, as: Enterprise.self) }
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
            let columns: [Column<Person>] = [
                Column("姓名", "name", \.name), Column("证件号码", "document", \.documentNumber),
                Column("性别", "gender", value: { $0.gender?.rawValue ?? "-" }),
                // Each employment in full on one line, as the table always showed it.
                Column("任职", "employment", value: { p in p.employments.map { JSONOutput.inline($0) }.joined(separator: "、") }),
                Column("编号", "id", \.id),
            ]
            try await RecordCLI.list(o, path: "v1/people", query: [
                .init(name: "enterprise", value: enterprise), .init(name: "region", value: region),
                .init(name: "role", value: role), .init(name: "documentNumber", value: documentNumber),
                .init(name: "current", value: current ? "true" : nil), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: columns)
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/people/\(id)", as: Person.self) }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file (person with employment), - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/people", from: from, as: Person.self) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/people/\(id)", from: from, as: Person.self) }
    }
    struct AddEmployment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-employment")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON employment file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/people/\(id)/employments", from: from, as: Person.self) }
    }
    struct UpdateEmployment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-employment")
        @OptionGroup var o: RecordOptions
        @Argument(help: "employment id") var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/employments/\(id)", from: from, as: Person.self) }
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
            let columns: [Column<Institution>] = [
                Column("统一社会信用代码", "credit code", \.creditCode), Column("名称", "name", \.name),
                Column("区划", "region", \.regionName), Column("AQ8011状态", "status", value: { $0.status.rawValue }),
                Column("可开班", "may act", \.mayAct), Column("编号", "id", \.id),
            ]
            try await RecordCLI.list(o, path: "v1/institutions", query: [
                .init(name: "region", value: region), .init(name: "status", value: status), .init(name: "q", value: page.search),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: columns)
        }
    }
    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/institutions/\(id)", as: Institution.self) }
    }
    struct Create: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions", from: from, as: Institution.self) }
    }
    struct Update: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON patch file, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "PATCH", path: "v1/institutions/\(id)", from: from, as: Institution.self) }
    }
    struct Status: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {status, rectifyDeadline, effectiveDate, note}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions/\(id)/status", from: from, as: Institution.self) }
    }
    struct Inspect: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {inspectedOn, inspector, result (pass | rectify | fail), findings, rectifyDeadline (for rectify)}, - for stdin. R-INST-2: pass → conforming, rectify → rectifying until the deadline, fail → cleared out (terminal)") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/institutions/\(id)/inspections", from: from, as: Institution.self) }
    }
}
