import AnpeiDomain
import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei coverage`: the regulator's coverage audit.
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "培训覆盖率 / training coverage (regulators)")
    @OptionGroup var o: RecordOptions
    @Option(help: "division code (default: your own)") var region: String?
    @Option(help: "year") var year: Int = CivilDate.today().year
    @Option(help: "wave id") var wave: String?
    @Option(help: "sector code") var sector: String?
    @Option(help: "as-of date YYYY-MM-DD inside the year (R-WAVE-6; default today, or 31 December of a past year)") var date: String?
    @Flag(help: "list the people not yet trained") var missing = false
    @Option(help: "write the missing list to this CSV file (UTF-8 with BOM, for Excel)") var csv: String?
    @Flag(help: "list completions that do not count: the institution could not act on the session's start or end date (R-INST-2)")
    var uncounted = false

    func run() async throws {
        let zh = o.output.language == .zh
        let api = try APIClient.signedIn(o.client, o.output)
        let query = [URLQueryItem(name: "region", value: region), URLQueryItem(name: "year", value: String(year)),
                     URLQueryItem(name: "wave", value: wave), URLQueryItem(name: "sector", value: sector),
                     URLQueryItem(name: "date", value: date)]
        if let csv {
            let data = try await api.rawData("GET", "v1/coverage/missing", query: query + [URLQueryItem(name: "format", value: "csv")],
                                             body: nil, contentType: "application/json", timeout: 600)
            try data.write(to: URL(fileURLWithPath: csv))
            print(zh ? "已写入 \(csv)" : "written: \(csv)")
            return
        }
        if uncounted {
            let rows = try await api.get("v1/reports/uncounted-completions", query: [URLQueryItem(name: "region", value: region)],
                                         as: [UncountedCompletion].self)
            let columns: [Column<UncountedCompletion>] = [
                Column("培训机构", "institution", \.institutionName), Column("培训班", "session", \.sessionTitle),
                Column("姓名", "name", \.name), Column("证件号码", "document", \.documentMasked),
                Column("结业日期", "completed", \.completedOn), Column("原因", "reason", \.reason),
            ]
            try TableCLI.print(rows, o, columns: columns)
            return
        }
        if missing {
            let people = try await api.get("v1/coverage/missing", query: query + [URLQueryItem(name: "limit", value: "1000")],
                                           as: [MissingPerson].self)
            let columns: [Column<MissingPerson>] = [
                Column("批次", "wave", \.waveTitle), Column("姓名", "name", \.name), Column("证件号码", "document", \.documentMasked),
                Column("单位", "enterprise", \.enterpriseName), Column("区划", "region", \.regionCode),
                Column("状态", "status", value: { $0.status == "enrolled" ? "已报名未结业" : "未报名" }),
            ]
            try TableCLI.print(people, o, columns: columns)
            return
        }
        let report = try await api.get("v1/coverage", query: query, as: CoverageReport.self)
        if o.output.json { print(try JSONOutput.encode(report)); return }
        print("\(report.regionName) \(year)" + (zh ? "（统计日 \(report.asOf)）" : " (as of \(report.asOf))"))
        var rows: [[String]] = []
        func line(_ label: String, _ f: CoverageFigures) -> [String] {
            let rate = f.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
            return [label, String(f.target), String(f.completed), String(f.enrolled), String(f.notEnrolled), rate]
        }
        for w in report.waves {
            rows.append(line(w.wave.title, w.figures))
            for c in w.children { rows.append(line("  └ " + c.regionName, c.figures)) }
        }
        print(Table.render(headers: zh ? ["批次 / 区划", "应培训", "已结业", "已报名未结业", "未报名", "覆盖率"]
                                       : ["wave / region", "target", "completed", "enrolled", "not enrolled", "rate"], rows: rows))
    }
}

/// `anpei enterprise training ID`: an enterprise's own people of the year's waves.
struct EnterpriseTraining: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "本单位主要负责人等参训情况 / the enterprise's people of the year's waves")
    @OptionGroup var o: RecordOptions
    @Argument var id: String
    @Option(help: "year") var year: Int = CivilDate.today().year
    func run() async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        let rows = try await api.get("v1/enterprises/\(id)/training", query: [URLQueryItem(name: "year", value: String(year))],
                                     as: [EnterpriseTrainingRow].self)
        let labels = ["completed": "已结业", "enrolled": "已报名未结业", "not_enrolled": "未报名"]
        let columns: [Column<EnterpriseTrainingRow>] = [
            Column("批次", "wave", \.wave.title), Column("姓名", "name", \.name),
            Column("状态", "status", value: { labels[$0.status] ?? "-" }),
        ]
        try TableCLI.print(rows, o, columns: columns)
    }
}
