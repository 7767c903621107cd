import AnpeiDomain
import AnpeiService
import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei wave …`: principal-leader training waves (R-WAVE-*).
struct WaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wave", abstract: "主要负责人专题培训批次 / training waves",
        subcommands: [List.self, Show.self, Create.self, Load.self])

    // Computed, not stored: columns hold closures, which are not Sendable.
    static var columns: [Column<Wave>] {
        [
            Column("年度", "year", \.year), Column("辖区", "jurisdiction", value: { $0.jurisdictionName ?? "全国" }),
            Column("对象", "target", value: { $0.targetRole.employmentRole.label.zh }),
            Column("行业领域", "sector", \.sectorName), Column("最少天数", "min days", \.minDays), Column("名称", "title", \.title),
            Column("编号", "id", \.id),
        ]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "批次列表 / list waves")
        @OptionGroup var o: RecordOptions
        @Option(help: "year") var year: Int?
        @Option(help: "only the waves this division is subject to (its own level and above)") var region: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let waves = try await api.get("v1/waves", query: [URLQueryItem(name: "year", value: year.map(String.init)),
                                                              URLQueryItem(name: "region", value: region)], as: [Wave].self)
            try TableCLI.print(waves, o, columns: WaveCommand.columns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看批次 / show a wave")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/waves/\(id)", as: Wave.self) }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新建批次 / create a wave")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {jurisdiction, year, targetRole, sector, title, minDays, requiredModules, delivery, departments}, - for stdin")
        var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/waves", from: from, as: Wave.self) }
    }

    /// Loads plan files (db/waves/*.yaml): through the API, or server-side with --direct.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入培训计划文件 / load plan files (db/waves/*.yaml)")
        @Argument(help: "plan files") var files: [String]
        @Flag(help: "run server-side with the database (operator), not through the API") var direct = false
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let zh = output.language == .zh
            var reports: [PlanLoadReport] = []
            let texts = try files.map { file -> String in
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
                return String(decoding: data, as: UTF8.self)
            }
            if direct {
                reports = try await ServerSide.withServices(db) { services in
                    var out: [PlanLoadReport] = []
                    for text in texts { out.append(try await services.training.loadPlan(ServerSide.operatorPrincipal, text: text)) }
                    return out
                }
            } else {
                let api = try APIClient.signedIn(client, output)
                for text in texts {
                    reports.append(try await api.send("POST", "v1/waves/plans", data: Data(text.utf8), contentType: "application/yaml",
                                                      as: PlanLoadReport.self))
                }
            }
            if output.json { print(try JSONOutput.encode(reports)); return }
            for r in reports {
                print(zh ? "\(r.plan)：新增 \(r.created)，更新 \(r.updated)，未变 \(r.unchanged)"
                    : "\(r.plan): created \(r.created), updated \(r.updated), unchanged \(r.unchanged)")
            }
        }
    }
}

/// `anpei session …`: sessions registered by training institutions.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "培训班 / training sessions",
        subcommands: [List.self, Show.self, Register.self, Start.self, Complete.self, Cancel.self, Enroll.self, Import.self,
                      Roster.self, Attend.self, VerifyRecord.self])

    // Computed, not stored: columns hold closures, which are not Sendable.
    static var columns: [Column<Session>] {
        [
            Column("开始", "start", \.startDate), Column("结束", "end", \.endDate), Column("课堂", "kind", value: { kindLabel($0.kind) }),
            Column("地点", "region", \.regionName), Column("培训机构", "institution", \.institutionName),
            Column("状态", "status", \.status.label.zh), Column("已报/容量", "seats", value: { "\($0.seatsTaken)/\($0.capacity)" }),
            Column("批次", "wave", \.waveTitle), Column("编号", "id", \.id),
        ]
    }

    static func kindLabel(_ kind: WaveRules.SessionKind) -> String {
        switch kind {
        case .main: "主课堂"
        case .sub: "分课堂"
        case .independent: "独立班"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "培训班列表 / list sessions")
        @OptionGroup var o: RecordOptions
        @Option(help: "wave id") var wave: String?
        @Option(help: "year") var year: Int?
        @Option(help: "registered | in_progress | completed | cancelled") var status: String?
        @Option(help: "rows (1-500)") var limit: Int = 50
        @Option(help: "rows to skip") var offset: Int = 0
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let sessions = try await api.get("v1/sessions", query: [
                URLQueryItem(name: "wave", value: wave), URLQueryItem(name: "year", value: year.map(String.init)),
                URLQueryItem(name: "status", value: status), URLQueryItem(name: "limit", value: String(limit)),
                URLQueryItem(name: "offset", value: String(offset)),
            ], as: [Session].self)
            try TableCLI.print(sessions, o, columns: SessionCommand.columns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看培训班 / show a session")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/sessions/\(id)", as: Session.self) }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记培训班（培训机构）/ register a session (institutions)")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {waveId, kind, mainSessionId, venue, regionCode, startDate, endDate, hoursPerDay, capacity, modules}, - for stdin")
        var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/sessions", from: from, as: Session.self) }
    }

    static func move(_ o: RecordOptions, _ id: String, _ status: String, reason: String? = nil) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        let session = try await api.send("POST", "v1/sessions/\(id)/status", body: SessionStatusChange(status: status, reason: reason),
                                         as: Session.self)
        try RecordCLI.printRecord(session, o)
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开班 / start (in progress)")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await SessionCommand.move(o, id, "in_progress") }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "结业：按出勤天数判定合格并生成合格记录 / complete and issue records")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await SessionCommand.move(o, id, "completed") }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "取消培训班（释放已报名学员）/ cancel (releases trainees)")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "reason") var reason: String
        func run() async throws { try await SessionCommand.move(o, id, "cancelled", reason: reason) }
    }

    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "报名学员或跟班人员 / enrol a trainee or an observer")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "person id") var person: String?
        @Option(help: "enterprise id (when the person qualifies through several)") var enterprise: String?
        @Option(name: .customLong("observer-name"), help: "observer (跟班参训): name") var observerName: String?
        @Option(name: .customLong("observer-org"), help: "observer: organisation") var observerOrg: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let body = EnrollInput(personId: person, enterpriseId: enterprise, observerName: observerName, observerOrganisation: observerOrg)
            let entry = try await api.send("POST", "v1/sessions/\(id)/enrollments", body: body, as: RosterEntry.self)
            try RecordCLI.printRecord(entry, o)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "批量报名（CSV：证件号码,姓名[,证件类型,单位统一社会信用代码]）/ enrol a CSV file")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Argument(help: "CSV file (UTF-8, UTF-8 with BOM, GBK/GB18030)") var file: String
        @Flag(name: .customLong("dry-run"), help: "check and count, write nothing") var dryRun = false
        func run() async throws {
            let zh = o.output.language == .zh
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
            let api = try APIClient.signedIn(o.client, o.output)
            let report = try await api.send("POST", "v1/sessions/\(id)/enrollments/import",
                                            query: [URLQueryItem(name: "dryRun", value: dryRun ? "true" : nil)], data: data,
                                            contentType: "text/csv", timeout: 600, as: EnrollmentImportReport.self)
            if o.output.json { print(try JSONOutput.encode(report)) } else {
                if report.accepted {
                    print(zh ? "\(report.dryRun ? "试运行：将" : "已")报名 \(report.enrolled) 人，已在册 \(report.unchanged) 人（共 \(report.rows) 行）"
                        : "\(report.dryRun ? "dry run: would enrol" : "enrolled") \(report.enrolled), already enrolled \(report.unchanged), of \(report.rows) rows")
                } else {
                    ImportCLI.printRejected(report.errors, zh: zh)
                }
            }
            if !report.accepted { throw ExitCode(1) }
        }
    }

    struct Roster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "学员名册 / roster")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let roster = try await api.get("v1/sessions/\(id)/roster", as: [RosterEntry].self)
            let zh = o.output.language == .zh
            let labels = ["enrolled": "在册", "completed": "已结业", "not_completed": "未达结业要求", "released": "已释放"]
            let columns: [Column<RosterEntry>] = [
                Column("姓名", "name", \.name), Column("证件号码", "document", \.document), Column("单位", "organisation", \.organisation),
                Column("跟班", "observer", \.observer), Column("出勤天数", "days present", \.presentDays),
                Column("状态", "status", value: { zh ? (labels[$0.status] ?? "-") : $0.status }),
                Column("合格记录编码", "record code", \.completionCode), Column("报名编号", "enrollment id", \.id),
            ]
            try TableCLI.print(roster, o, columns: columns)
        }
    }

    struct Attend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录一天的出勤 / record one day's attendance")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "day YYYY-MM-DD") var day: String
        @Option(help: "enrollment ids present, comma-separated") var present: String = ""
        @Option(help: "enrollment ids absent, comma-separated") var absent: String = ""
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            func ids(_ s: String) -> [String] { s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let entries = ids(present).map { AttendanceInput.Entry(enrollmentId: $0, present: true) }
                + ids(absent).map { AttendanceInput.Entry(enrollmentId: $0, present: false) }
            let roster = try await api.send("POST", "v1/sessions/\(id)/attendance", body: AttendanceInput(day: day, entries: entries),
                                            as: [RosterEntry].self)
            let columns: [Column<RosterEntry>] = [
                Column("姓名", "name", \.name), Column("出勤天数", "days present", \.presentDays), Column("报名编号", "enrollment id", \.id),
            ]
            try TableCLI.print(roster, o, columns: columns)
        }
    }

    struct VerifyRecord: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-record", abstract: "核验培训合格记录（无需登录）/ verify a completion record (no login)")
        @OptionGroup var o: RecordOptions
        @Argument var code: String
        func run() async throws {
            let api = try APIClient.anonymous(o.client, o.output)
            try RecordCLI.printRecord(try await api.get("v1/public/training-records/\(code)", as: CompletionRecord.self), o)
        }
    }
}
