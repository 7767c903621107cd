import AnpeiWire
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
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.get("v1/management-certificates/\(id)", query: [URLQueryItem(name: "date", value: date)],
                                         as: ManagementCertificateView.self)
            try ManagementCertCommand.printViews([view], o)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "某人的证书 / a person's certificates")
        @OptionGroup var o: RecordOptions
        @Option(help: "person id") var person: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let views = try await api.get("v1/people/\(person)/management-certificates",
                                          query: [URLQueryItem(name: "date", value: date)], as: [ManagementCertificateView].self)
            try ManagementCertCommand.printViews(views, o)
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记（考核合格后）/ register after a passed exam")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {personId, holderRole, sectorCode, number, issuingAuthority, issuedOn, examScore}, - for stdin") var from: String
        func run() async throws {
            try await RecordCLI.send(o, method: "POST", path: "v1/management-certificates", from: from, as: ManagementCertificateView.self)
        }
    }

    struct Reexamine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录再考核（有效期届满前60日内）/ record a re-examination")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "exam date YYYY-MM-DD") var date: String
        @Option(help: "score, 0-100 (pass at 80)") var score: Int
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/management-certificates/\(id)/reexaminations",
                                          body: Reexamination(date: date, score: score), as: ManagementCertificateView.self)
            try ManagementCertCommand.printViews([view], o)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "撤销 / revoke")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "date YYYY-MM-DD") var date: String
        @Option(help: "reason") var reason: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/management-certificates/\(id)/revocation",
                                          body: CertificateEnd(date: date, reason: reason), as: ManagementCertificateView.self)
            try ManagementCertCommand.printViews([view], o)
        }
    }

    static func printViews(_ views: [ManagementCertificateView], _ o: RecordOptions) throws {
        if o.output.json {
            // One certificate prints as an object, several as an array, as scripts expect.
            print(try views.count == 1 ? JSONOutput.encode(views[0]) : JSONOutput.encode(views))
            return
        }
        let zh = o.output.language == .zh
        let columns: [Column<ManagementCertificateView>] = [
            Column("证号", "number", \.certificate.number), Column("姓名", "name", \.certificate.personName),
            Column("身份", "role", value: { v in
                let role = v.certificate.holderRole
                return zh ? (role == "principal" ? "主要负责人" : "安全生产管理人员") : role
            }),
            Column("行业", "sector", \.certificate.sectorName),
            Column("状态", "status", value: { zh ? $0.status.label : $0.status.state.rawValue }),
            Column("有效期至", "valid until", \.validityEnd), Column("规则", "rules", \.status.ruleSet),
            Column("编号", "id", \.certificate.id),
        ]
        print(Table.render(views, columns: columns, language: o.output.language))
    }
}
