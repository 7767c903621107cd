import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei staff …`: regulator staff who observe sessions (跟班参训, R-WAVE-3)
/// and their three-year training coverage (S2 §27, S4 §27).
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "监管执法人员跟班参训 / supervisory staff observing sessions", subcommands: [Add.self, Coverage.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记监管人员 / register a member of a regulator's staff")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {documentNumber, name, authority, regionCode, startDate, endDate}, - for stdin") var from: String
        func run() async throws {
            try await RecordCLI.send(o, method: "POST", path: "v1/supervisory-staff", from: from, as: SupervisoryStaff.self)
        }
    }

    struct Coverage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "监管人员三年培训覆盖 / three-year coverage of supervisory staff")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code (default: your own)") var region: String?
        func run() async throws {
            let zh = o.output.language == .zh
            let api = try APIClient.signedIn(o.client, o.output)
            let report = try await api.get("v1/reports/supervisory-training", query: [URLQueryItem(name: "region", value: region)],
                                           as: SupervisoryCoverage.self)
            if o.output.json { print(try JSONOutput.encode(report)); return }
            let rate = report.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
            print(zh ? "\(report.regionCode) \(report.fromYear)–\(report.toYear)：监管人员 \(report.staff) 人，已跟班参训 \(report.covered) 人（\(rate)）"
                : "\(report.regionCode) \(report.fromYear)–\(report.toYear): \(report.staff) staff, \(report.covered) observed a session (\(rate))")
            let columns: [Column<SupervisoryStaff>] = [
                Column("单位", "authority", \.authority), Column("姓名", "name", \.name), Column("证件号码", "document", \.documentMasked),
                Column("跟班次数", "sessions", value: { String($0.sessionsObserved) }), Column("最近", "last", \.lastObserved),
            ]
            print(Table.render(report.people, columns: columns, language: o.output.language))
        }
    }
}
