import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei violation record`, `anpei case list|show|hours|reinstate` (R-3V-2/4).
struct ViolationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation", abstract: "“三违”记录 / 三违 violations", subcommands: [Record.self, Summary.self, People.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记（或更正，supersedes）违章，随即开立脱岗再培训案件 / record (or correct) a violation; opens a retraining case")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {personId, enterpriseId, occurredOn, kind, place, description, evidence, supersedes}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/violations", from: from, as: CaseView.self) }
    }
}

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "脱岗再培训案件 / retraining cases", subcommands: [List.self, Show.self, Hours.self, Reinstate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件列表（谁在脱岗）/ cases: who is off post")
        @OptionGroup var o: RecordOptions
        @Option(help: "open | reinstated | void") var status: String?
        @Option(help: "person id") var person: String?
        @Option(help: "enterprise id") var enterprise: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let query = [("status", status), ("personId", person), ("enterpriseId", enterprise)].compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
            let cases = try await api.get("v1/retraining-cases", query: query, as: [CaseView].self)
            if o.output.json { return print(try JSONOutput.encode(cases)) }
            let zh = o.output.language == .zh
            print(Table.render(cases, columns: [
                Column("案件", "case", \.id), Column("姓名", "name", \.personName), Column("单位", "enterprise", \.enterpriseName),
                Column("类别", "kind", \.kindLabel), Column("违章日期", "date", \.occurredOn),
                Column("学时", "hours", value: { "\($0.recordedHours)/\($0.requiredHours)" }),
                Column("状态", "status", value: { c in
                    switch c.status {
                    case "open": zh ? (c.overdue ? "脱岗（逾期）" : "脱岗") : (c.overdue ? "off post (overdue)" : "off post")
                    case "reinstated": zh ? "已复岗" : "reinstated"
                    default: zh ? "已作废" : "void"
                    }
                }),
            ], language: o.output.language))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看案件 / show a case")
        @OptionGroup var o: RecordOptions
        @Argument(help: "case id") var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/retraining-cases/\(id)", as: CaseView.self) }
    }

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录脱岗再培训学时 / record retraining hours")
        @OptionGroup var o: RecordOptions
        @Argument(help: "case id") var id: String
        @Option(help: "YYYY-MM-DD") var date: String
        @Option(help: "class hours") var hours: Int
        @Option(help: "trainer or institution") var trainer: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/retraining-cases/\(id)/hours", body: RetrainingHoursInput(date: date, hours: hours, trainer: trainer),
                                          as: CaseView.self)
            try RecordCLI.printRecord(view, o)
        }
    }

    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "复岗（须学时足够且考试合格）/ back on post (hours and a passed exam required)")
        @OptionGroup var o: RecordOptions
        @Argument(help: "case id") var id: String
        @Option(help: "YYYY-MM-DD") var date: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/retraining-cases/\(id)/reinstatement", body: ReinstateInput(date: date), as: CaseView.self)
            try RecordCLI.printRecord(view, o)
        }
    }
}

/// `anpei inspection create|show|report` (逢查必考, R-3V-3).
struct InspectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection", abstract: "执法检查与逢查必考 / inspections and spot exams", subcommands: [Create.self, Show.self, Report.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一次检查 / record an inspection")
        @OptionGroup var o: RecordOptions
        @Option(help: "enterprise id") var enterprise: String
        @Option(help: "YYYY-MM-DD") var date: String
        @Option(help: "inspector") var inspector: String?
        @Option(help: "note") var note: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/inspections", body: SafetyInspectionInput(enterpriseId: enterprise, date: date, inspector: inspector, note: note),
                                          as: SafetyInspectionView.self)
            try RecordCLI.printRecord(view, o)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看检查 / show an inspection")
        @OptionGroup var o: RecordOptions
        @Argument(help: "inspection id") var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/inspections/\(id)", as: SafetyInspectionView.self) }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "逢查必考统计（按单位）/ spot exams per enterprise")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code (default: your own)") var region: String?
        @Option(help: "from YYYY-MM-DD") var from: String?
        @Option(help: "to YYYY-MM-DD") var to: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let query = [("region", region), ("from", from), ("to", to)].compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
            let report = try await api.get("v1/reports/spot-exams", query: query, as: SpotExamReport.self)
            if o.output.json { return print(try JSONOutput.encode(report)) }
            let zh = o.output.language == .zh
            print(Table.render(report.rows, columns: [
                Column("单位", "enterprise", \.enterpriseName), Column("区划", "region", \.regionCode),
                Column("检查", "inspections", value: { String($0.inspections) }), Column("受考人数", "examined", value: { String($0.examined) }),
                Column("合格率", "pass rate", value: { $0.passRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }),
                Column("开立案件", "opened", value: { String($0.casesOpened) }), Column("已复岗", "closed", value: { String($0.casesClosed) }),
                Column("逾期", "overdue", value: { String($0.casesOverdue) }),
            ], language: o.output.language))
            print(zh ? "\(report.region)，\(report.from) 至 \(report.to)；逾期指脱岗超过 \(report.overdueDays) 日"
                : "\(report.region), \(report.from) to \(report.to); overdue: open more than \(report.overdueDays) days")
        }
    }
}
