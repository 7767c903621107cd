import ArgumentParser
import Foundation

/// `anpei cert management …`: 安全生产知识和管理能力考核合格证 of principals and
/// safety managers (R-CERT-11), through the API.
struct ManagementCertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "management", abstract: "安全生产知识和管理能力考核合格证 / management-competence certificates",
        subcommands: [Show.self, List.self, Register.self, Reexamine.self, Revoke.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看证书及状态 / a certificate with its status")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            try ManagementCertCommand.printViews([try await RecordCLI.request(o, "GET", "v1/management-certificates/\(id)", date: date)], o)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "某人的证书 / a person's certificates")
        @OptionGroup var o: RecordOptions
        @Option(help: "person id") var person: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            let reply = try await RecordCLI.request(o, "GET", "v1/people/\(person)/management-certificates", date: date)
            try ManagementCertCommand.printViews(reply as? [Any] ?? [], o)
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记（考核合格后）/ register after a passed exam")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {personId, holderRole, sectorCode, number, issuingAuthority, issuedOn, examScore}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/management-certificates", from: from) }
    }

    struct Reexamine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录再考核（有效期届满前60日内）/ record a re-examination")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "exam date YYYY-MM-DD") var date: String
        @Option(help: "score, 0-100 (pass at 80)") var score: Int
        func run() async throws {
            let reply = try await RecordCLI.request(o, "POST", "v1/management-certificates/\(id)/reexaminations",
                                                    body: ["date": date, "score": score])
            try ManagementCertCommand.printViews([reply], o)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "撤销 / revoke")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "date YYYY-MM-DD") var date: String
        @Option(help: "reason") var reason: String
        func run() async throws {
            let reply = try await RecordCLI.request(o, "POST", "v1/management-certificates/\(id)/revocation",
                                                    body: ["date": date, "reason": reason])
            try ManagementCertCommand.printViews([reply], o)
        }
    }

    static func printViews(_ views: [Any], _ o: RecordOptions) throws {
        if o.output.json {
            print(try RecordCLI.pretty(views.count == 1 ? views[0] : views))
            return
        }
        let zh = o.output.language == .zh
        let rows = views.compactMap { $0 as? [String: Any] }.map { v -> [String] in
            let c = v["certificate"] as? [String: Any] ?? [:]
            let s = v["status"] as? [String: Any] ?? [:]
            let role = c["holderRole"] as? String
            return [RecordCLI.cell(c["number"]), RecordCLI.cell(c["personName"]),
                    zh ? (role == "principal" ? "主要负责人" : "安全生产管理人员") : RecordCLI.cell(role),
                    RecordCLI.cell(c["sectorName"]), RecordCLI.cell(zh ? s["label"] : s["state"]), RecordCLI.cell(v["validityEnd"]),
                    RecordCLI.cell(s["ruleSet"]), RecordCLI.cell(c["id"])]
        }
        print(Table.render(
            headers: zh ? ["证号", "姓名", "身份", "行业", "状态", "有效期至", "规则", "编号"]
                : ["number", "name", "role", "sector", "status", "valid until", "rules", "id"],
            rows: rows))
    }
}
