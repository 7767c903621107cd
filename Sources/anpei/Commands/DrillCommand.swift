import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei drill …` (issue 14): evacuation drills (R-DRILL-1).
struct DrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill", abstract: "疏散逃生演练 / evacuation drills", subcommands: [Plan.self, Record.self, List.self, Schedule.self, Rules.self, AddRules.self])

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "演练规则（全国默认及各辖区）；--region 给出适用于某地的规则 / drill rule sets; --region: the one that applies")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code: show the rule set that judges it") var region: String?
        @Option(help: "date YYYY-MM-DD (default today)") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let zh = o.output.language == .zh
            let rows: [DrillRuleView]
            if let region {
                rows = [try await api.get("v1/drill-rules/applicable", query: LedgerCommand.query([("region", region), ("date", date)]), as: DrillRuleView.self)]
            } else {
                rows = try await api.get("v1/drill-rules", as: [DrillRuleView].self)
            }
            try TableCLI.print(rows, o, columns: [
                Column("编号", "id", \.id), Column("辖区", "jurisdiction", value: { $0.jurisdiction.isEmpty ? (zh ? "全国默认" : "national") : $0.jurisdiction }),
                Column("生效日期", "effective", \.effectiveFrom),
                Column("范围", "scope", value: { $0.scope == "per_area" ? (zh ? "按区域" : "per area") : (zh ? "按单位" : "per enterprise") }),
                Column("每年次数", "per year", value: { "\($0.perYear)" }), Column("高危行业", "high-risk", value: { "\($0.perYearHighRisk)" }),
                Column("参加率", "share", value: { "\(Int(($0.participationShare * 100).rounded()))%" }), Column("名称", "name", \.name),
            ])
        }
    }

    struct AddRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-rules", abstract: "新增辖区演练规则或后续规则（管理员）/ add a drill rule set (administrators)")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {id, name, jurisdiction, effectiveFrom, scope, perYear, perYearHighRisk, participationShare, graceDays}, - for stdin")
        var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/drill-rules", from: from, as: DrillRuleView.self) }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "计划一次演练 / plan a drill")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {enterpriseId, date, time, scenario, areas: [{areaId}]}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/drills", from: from, as: DrillView.self) }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录已开展的演练（或 --plan 把计划记为已开展）/ record a drill held (or a planned one with --plan)")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {enterpriseId, date, time, scenario, recorded: true, areas: [{areaId, participants}], evacuationSeconds, problems, fixes, organiser, evidence}, - for stdin")
        var from: String
        @Option(help: "the planned drill's id") var plan: String?
        func run() async throws {
            if let plan {
                try await RecordCLI.send(o, method: "POST", path: "v1/drills/\(plan)/record", from: from, as: DrillView.self)
            } else {
                try await RecordCLI.send(o, method: "POST", path: "v1/drills", from: from, as: DrillView.self)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "演练列表 / drills")
        @OptionGroup var o: RecordOptions
        @Option(help: "enterprise id") var enterprise: String?
        @Option(help: "year") var year: Int?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let zh = o.output.language == .zh
            let rows = try await api.get("v1/drills", query: LedgerCommand.query([("enterpriseId", enterprise), ("year", year.map(String.init)), ("limit", "500")]),
                                         as: [DrillView].self)
            try TableCLI.print(rows, o, columns: [
                Column("日期", "date", \.date), Column("情景", "scenario", \.scenario),
                Column("状态", "state", value: { $0.recorded ? (zh ? "已开展" : "held") : (zh ? "计划" : "planned") }),
                Column("区域（参加/人数）", "areas (present/staff)", value: { $0.areas.map { "\($0.name) \($0.participants)/\($0.headcount)" }.joined(separator: "、") }),
                Column("单位", "enterprise", \.enterpriseName), Column("编号", "id", \.id),
            ])
        }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "本单位年度演练安排与完成情况 / the enterprise's drill schedule for a year")
        @OptionGroup var o: RecordOptions
        @Argument(help: "enterprise id") var enterprise: String
        @Option(help: "year") var year: Int?
        @Option(help: "as-of date YYYY-MM-DD") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let zh = o.output.language == .zh
            let r = try await api.get("v1/enterprises/\(enterprise)/drill-schedule", query: LedgerCommand.query([("year", year.map(String.init)), ("date", date)]),
                                      as: DrillScheduleView.self)
            if o.output.json { return print(try JSONOutput.encode(r)) }
            print("\(r.enterpriseName) \(r.year)" + (zh ? "（统计日 \(r.date)；规则 \(r.rule.id)：\(r.rule.name)）" : " (as of \(r.date); rule \(r.rule.id))"))
            let labels = ["planned": "已计划", "due": "待开展", "done": "已完成", "overdue": "逾期", "not_due": "不适用"]
            print(Table.render(r.slots, columns: [
                Column("周期", "period", \.period), Column("截止", "due", \.due), Column("区域", "area", value: { $0.areaName ?? (zh ? "全单位" : "enterprise") }),
                Column("状态", "state", value: { zh ? (labels[$0.state] ?? $0.state) : $0.state }), Column("说明", "reason", \.reason),
            ], language: o.output.language))
        }
    }
}
