import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei ledger …`: the workers' training-hours ledger (R-HOURS-1/2/3, R-EMP-3),
/// the enterprise's 三违 report and R-WAVE-5 coverage.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "安全培训台账 / the training-hours ledger",
        subcommands: [Record.self, Import.self, Events.self, Hours.self, Report.self, InjuryPrevention.self])

    static func query(_ items: [(String, String?)]) -> [URLQueryItem] {
        items.compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一次培训及参训人员 / record a training event and its attendees")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {enterpriseId, kind, date, hours, trainer, title, attendees: [personId]}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/training-events", from: from, as: TrainingEventView.self) }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入参训记录（CSV：培训类别,培训日期,学时,授课人或机构,培训主题,证件号码,姓名[,证件类型]）/ import attendances, all or nothing")
        @OptionGroup var o: RecordOptions
        @Argument(help: "enterprise id") var enterprise: String
        @Argument(help: "CSV file (UTF-8, UTF-8 with BOM, GBK/GB18030)") var file: String
        @Flag(name: .customLong("dry-run"), help: "check and count, write nothing") var dryRun = false
        func run() async throws {
            let zh = o.output.language == .zh
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
            let api = try APIClient.signedIn(o.client, o.output)
            let progress = Progress(enabled: Terminal.stderrIsTTY && !o.output.json, zh: zh)
            progress.update("upload", 0, data.count)
            let report = try await api.send("POST", "v1/enterprises/\(enterprise)/training-events/import",
                                            query: [URLQueryItem(name: "dryRun", value: dryRun ? "true" : nil)], data: data,
                                            contentType: "text/csv", timeout: 600, as: LedgerImportReport.self)
            progress.finish()
            if o.output.json { print(try JSONOutput.encode(report)) } else if report.accepted {
                print(zh ? "\(report.dryRun ? "试运行：将" : "已")新建培训 \(report.eventsCreated) 次，登记参训 \(report.attendancesAdded) 人次，已在台账 \(report.unchanged) 人次（共 \(report.rows) 行）"
                    : "\(report.dryRun ? "dry run: would create" : "created") \(report.eventsCreated) events, \(report.attendancesAdded) attendances; \(report.unchanged) already recorded, of \(report.rows) rows")
            } else {
                ImportCLI.printRejected(report.errors, zh: zh)
            }
            if !report.accepted { throw ExitCode(1) }
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "培训记录列表 / training events")
        @OptionGroup var o: RecordOptions
        @Option(help: "enterprise id") var enterprise: String?
        @Option(help: "person id") var person: String?
        @Option(help: "kind, e.g. annual, injury_prevention") var kind: String?
        @Option(help: "from YYYY-MM-DD") var from: String?
        @Option(help: "to YYYY-MM-DD") var to: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let rows = try await api.get("v1/training-events", query: LedgerCommand.query([
                ("enterpriseId", enterprise), ("personId", person), ("kind", kind), ("from", from), ("to", to), ("limit", "500")]),
                                         as: [TrainingEventView].self)
            try TableCLI.print(rows, o, columns: [
                Column("日期", "date", \.date), Column("类别", "kind", \.kindLabel), Column("学时", "hours", value: { String($0.hours) }),
                Column("主题", "title", \.title), Column("授课人或机构", "trainer", \.trainer), Column("人数", "attendees", value: { String($0.attendees) }),
                Column("单位", "enterprise", \.enterpriseName), Column("编号", "id", \.id),
            ])
        }
    }

    static func hoursColumns(zh: Bool) -> [Column<WorkerHours>] {
        [
            Column("姓名", "name", \.name), Column("岗位", "post", \.post), Column("入职", "started", \.startedOn),
            Column("上岗前学时", "initial", value: { "\($0.initialRecorded)/\($0.initialRequired)" }),
            Column("本年学时", "this year", value: { w in w.annualRequired.map { "\(w.thisYearRecorded)/\($0)" } ?? String(w.thisYearRecorded) }),
            Column("未培训先上岗", "untrained at start", value: { $0.untrainedAtStart ? (zh ? "是" : "yes") : "" }),
            Column("脱岗", "off post", value: { $0.offPost ? (zh ? "是" : "yes") : "" }),
            Column("欠缺", "shortfalls", value: { $0.shortfalls.map { "\($0.message)（\($0.rule)）" }.joined(separator: "；") }),
        ]
    }

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "本单位人员培训学时及欠缺 / the hours table with shortfalls")
        @OptionGroup var o: RecordOptions
        @Argument(help: "enterprise id") var enterprise: String
        @Option(help: "date YYYY-MM-DD (default today)") var date: String?
        @Flag(help: "only those with a shortfall") var short = false
        @Option(help: "write the table to this CSV file (UTF-8 with BOM, for Excel)") var csv: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let zh = o.output.language == .zh
            if let csv {
                let data = try await api.rawData("GET", "v1/enterprises/\(enterprise)/training-hours",
                                                 query: LedgerCommand.query([("date", date), ("format", "csv")]), body: nil,
                                                 contentType: "application/json", timeout: 600)
                try data.write(to: URL(fileURLWithPath: csv))
                return print(zh ? "已写入 \(csv)" : "written: \(csv)")
            }
            let rows = try await api.get("v1/enterprises/\(enterprise)/training-hours", query: LedgerCommand.query([("date", date)]), as: [WorkerHours].self)
            try TableCLI.print(short ? rows.filter { !$0.shortfalls.isEmpty } : rows, o, columns: LedgerCommand.hoursColumns(zh: zh))
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "单位“三违”与培训报告：脱岗人员、屡犯人员、学时欠缺 / open cases, repeat violators, hours shortfalls")
        @OptionGroup var o: RecordOptions
        @Argument(help: "enterprise id") var enterprise: String
        @Option(help: "date YYYY-MM-DD (default today)") var date: String?
        @Option(help: "write one list to a CSV file (UTF-8 with BOM): cases | repeat | hours") var part: String?
        @Option(help: "CSV file for --part") var csv: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let zh = o.output.language == .zh
            if let csv {
                let data = try await api.rawData("GET", "v1/enterprises/\(enterprise)/safety-report",
                                                 query: LedgerCommand.query([("date", date), ("format", "csv"), ("part", part ?? "hours")]), body: nil,
                                                 contentType: "application/json", timeout: 600)
                try data.write(to: URL(fileURLWithPath: csv))
                return print(zh ? "已写入 \(csv)" : "written: \(csv)")
            }
            let r = try await api.get("v1/enterprises/\(enterprise)/safety-report", query: LedgerCommand.query([("date", date)]),
                                      as: EnterpriseSafetyReport.self)
            if o.output.json { return print(try JSONOutput.encode(r)) }
            print("\(r.enterpriseName) \(r.date)")
            print(zh ? "\n脱岗再培训中（\(r.openCases.count) 人次）" : "\nOff post (\(r.openCases.count) cases)")
            print(Table.render(r.openCases, columns: [
                Column("姓名", "name", \.personName), Column("类别", "kind", \.kindLabel), Column("违章日期", "date", \.occurredOn),
                Column("学时", "hours", value: { "\($0.recordedHours)/\($0.requiredHours)" }),
                Column("逾期", "overdue", value: { $0.overdue ? (zh ? "是" : "yes") : "" }), Column("案件", "case", \.id),
            ], language: o.output.language))
            print(zh ? "\n12个月内违章两次及以上（\(r.repeatViolators.count) 人）" : "\nRepeat violators, 2 or more in 12 months (\(r.repeatViolators.count))")
            print(Table.render(r.repeatViolators, columns: [
                Column("姓名", "name", \.name), Column("次数", "count", value: { String($0.violations) }),
                Column("日期", "dates", value: { $0.dates.joined(separator: "、") }),
            ], language: o.output.language))
            print(zh ? "\n培训学时（\(r.workers.count) 人，其中 \(r.workersShort) 人有欠缺）" : "\nTraining hours (\(r.workers.count) workers, \(r.workersShort) short)")
            print(Table.render(r.workers, columns: LedgerCommand.hoursColumns(zh: zh), language: o.output.language))
        }
    }

    struct InjuryPrevention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "injury-prevention", abstract: "工伤预防能力提升培训覆盖率（R-WAVE-5）/ work-injury-prevention coverage")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code (default: your own)") var region: String?
        @Option(help: "date YYYY-MM-DD (default today)") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let r = try await api.get("v1/reports/injury-prevention", query: LedgerCommand.query([("region", region), ("date", date)]),
                                      as: InjuryPreventionCoverage.self)
            if o.output.json { return print(try JSONOutput.encode(r)) }
            let zh = o.output.language == .zh
            print(zh ? "\(r.regionName) 非煤矿山、机械制造重点企业“三类人员”工伤预防培训（统计日 \(r.asOf)，期限 \(r.deadline)\(r.daysToDeadline < 0 ? "，已过期 \(-r.daysToDeadline) 日" : "，尚余 \(r.daysToDeadline) 日")）"
                : "\(r.regionName): work-injury prevention in key non-coal mining and machinery enterprises (as of \(r.asOf), deadline \(r.deadline))")
            var rows: [[String]] = []
            for a in [r.total] + r.areas {
                var line = [a.regionName, String(a.enterprises)]
                for f in a.figures { line.append("\(f.trained)/\(f.target) " + (f.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—")) }
                rows.append(line)
            }
            print(Table.render(headers: zh ? ["区划", "企业数", "主要负责人", "安全生产管理人员", "特种作业人员"]
                                           : ["region", "enterprises", "principals", "safety managers", "special-operations workers"], rows: rows))
        }
    }
}
