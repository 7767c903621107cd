import AnpeiWire
import ArgumentParser
import Foundation

extension ViolationCommand {
    /// `anpei violation summary`: the regulator's monthly figures by region × sector.
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "“三违”月度统计（区划 × 行业 × 月）/ monthly 三违 summary by region × sector")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code (default: your own)") var region: String?
        @Option(help: "year") var year: Int?
        @Option(help: "month 1-12 (default: every month of the year so far)") var month: Int?
        @Option(help: "as-of date YYYY-MM-DD") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let r = try await api.get("v1/reports/safety", query: LedgerCommand.query([
                ("region", region), ("year", year.map(String.init)), ("month", month.map(String.init)), ("date", date)]), as: SafetySummary.self)
            if o.output.json { return print(try JSONOutput.encode(r)) }
            let zh = o.output.language == .zh
            print(zh ? "\(r.regionName) \(r.year)（统计日 \(r.asOf)；逾期指脱岗超过 \(r.overdueDays) 日；一家企业属多个行业时在每个行业各计一次）"
                : "\(r.regionName) \(r.year) (as of \(r.asOf); overdue: off post more than \(r.overdueDays) days; an enterprise of several sectors counts in each)")
            print(Table.render(r.rows, columns: [
                Column("月份", "month", \.month), Column("区划", "region", \.regionName), Column("行业", "sector", \.sectorName),
                Column("违章", "violations", value: { String($0.violations) }),
                Column("抽考/不合格", "spot exams/failed", value: { "\($0.spotExamined)/\($0.spotFailed)" }),
                Column("开案", "opened", value: { String($0.casesOpened) }), Column("复岗", "closed", value: { String($0.casesClosed) }),
                Column("逾期", "overdue", value: { String($0.casesOverdue) }), Column("屡犯", "repeat", value: { String($0.repeatViolators) }),
                Column("未培训先上岗", "untrained starters", value: { String($0.untrainedStarters) }),
            ], language: o.output.language))
        }
    }

    /// `anpei violation people`: the names behind one figure, own region only.
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "统计数字背后的人员名单 / the names behind a figure of the summary")
        @OptionGroup var o: RecordOptions
        @Option(help: "violations | spot_failed | cases_overdue | untrained_starters | repeat_violators") var measure: String
        @Option(help: "month 1-12") var month: Int
        @Option(help: "year") var year: Int?
        @Option(help: "division code (default: your own)") var region: String?
        @Option(help: "sector code") var sector: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let rows = try await api.get("v1/reports/safety/people", query: LedgerCommand.query([
                ("measure", measure), ("month", String(month)), ("year", year.map(String.init)), ("region", region), ("sector", sector),
                ("limit", "500")]), as: [SafetySummaryPerson].self)
            try TableCLI.print(rows, o, columns: [
                Column("日期", "date", \.date), Column("姓名", "name", \.name), Column("单位", "enterprise", \.enterpriseName),
                Column("区划", "region", \.regionCode), Column("说明", "detail", \.detail),
            ])
        }
    }
}
