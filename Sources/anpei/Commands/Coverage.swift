import AnpeiDomain
import AnpeiService
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
    @Flag(help: "list the people not yet trained") var missing = false
    @Option(help: "write the missing list to this CSV file (UTF-8 with BOM, for Excel)") var csv: String?

    func run() async throws {
        let zh = o.output.language == .zh
        let api = try APIClient.signedIn(o.client, o.output)
        let query = [URLQueryItem(name: "region", value: region), URLQueryItem(name: "year", value: String(year)),
                     URLQueryItem(name: "wave", value: wave), URLQueryItem(name: "sector", value: sector)].filter { $0.value != nil }
        if let csv {
            let data = try await api.rawData("GET", "v1/coverage/missing", query: query + [URLQueryItem(name: "format", value: "csv")],
                                             body: nil, contentType: "application/json", timeout: 600)
            try data.write(to: URL(fileURLWithPath: csv))
            print(zh ? "已写入 \(csv)" : "written: \(csv)")
            return
        }
        if missing {
            let reply = try await api.json("GET", "v1/coverage/missing", query: query + [URLQueryItem(name: "limit", value: "1000")])
            try TableCLI.print(reply, o, columns: [
                ("waveTitle", "批次", "wave"), ("name", "姓名", "name"), ("documentMasked", "证件号码", "document"), ("enterpriseName", "单位", "enterprise"),
                ("regionCode", "区划", "region"), ("status", "状态", "status"),
            ]) { item, key in
                key == "status" ? (item["status"] as? String == "enrolled" ? "已报名未结业" : "未报名") : item[key]
            }
            return
        }
        let reply = try await api.json("GET", "v1/coverage", query: query)
        if o.output.json { print(try RecordCLI.pretty(reply)); return }
        let report = reply as? [String: Any] ?? [:]
        print("\(report["regionName"] as? String ?? "") \(year)")
        var rows: [[String]] = []
        func percent(_ f: [String: Any]) -> String { (f["rate"] as? Double).map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        for w in report["waves"] as? [[String: Any]] ?? [] {
            let wave = w["wave"] as? [String: Any] ?? [:]
            let f = w["figures"] as? [String: Any] ?? [:]
            func line(_ label: String, _ f: [String: Any]) -> [String] {
                [label, RecordCLI.cell(f["target"]), RecordCLI.cell(f["completed"]), RecordCLI.cell(f["enrolled"]), RecordCLI.cell(f["notEnrolled"]), percent(f)]
            }
            rows.append(line(wave["title"] as? String ?? "", f))
            for c in w["children"] as? [[String: Any]] ?? [] {
                rows.append(line("  └ " + (c["regionName"] as? String ?? ""), c["figures"] as? [String: Any] ?? [:]))
            }
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
        let reply = try await api.json("GET", "v1/enterprises/\(id)/training", query: [URLQueryItem(name: "year", value: String(year))])
        try TableCLI.print(reply, o, columns: [("wave", "批次", "wave"), ("name", "姓名", "name"), ("status", "状态", "status")]) { item, key in
            switch key {
            case "wave": (item["wave"] as? [String: Any])?["title"]
            case "status": ["completed": "已结业", "enrolled": "已报名未结业", "not_enrolled": "未报名"][item["status"] as? String ?? ""]
            default: item[key]
            }
        }
    }
}
