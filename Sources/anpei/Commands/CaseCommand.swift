import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei violation record`, `anpei case list|show|hours|reinstate` (R-3V-2/4).
struct ViolationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation", abstract: "“三违”记录 / 三违 violations", subcommands: [Record.self])

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
