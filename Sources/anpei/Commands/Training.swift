import AnpeiDomain
import AnpeiService
import ArgumentParser
import Foundation

/// Renders a JSON array as a table, or prints it as JSON with --json.
enum TableCLI {
    static func print(_ reply: Any, _ o: RecordOptions, columns: [(key: String, zh: String, en: String)],
                      value: (([String: Any], String) -> Any?)? = nil) throws {
        if o.output.json {
            Swift.print(try RecordCLI.pretty(reply))
            return
        }
        let items = reply as? [[String: Any]] ?? [reply as? [String: Any] ?? [:]]
        let zh = o.output.language == .zh
        Swift.print(Table.render(
            headers: columns.map { zh ? $0.zh : $0.en },
            rows: items.map { item in columns.map { RecordCLI.cell(value?(item, $0.key) ?? item[$0.key]) } }))
    }

    static func body(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }
}

/// `anpei wave …`: principal-leader training waves (R-WAVE-*).
struct WaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wave", abstract: "主要负责人专题培训批次 / training waves",
        subcommands: [List.self, Show.self, Create.self, Load.self])

    static let columns: [(key: String, zh: String, en: String)] = [
        ("year", "年度", "year"), ("jurisdictionName", "辖区", "jurisdiction"), ("targetRole", "对象", "target"),
        ("sectorName", "行业领域", "sector"), ("minDays", "最少天数", "min days"), ("title", "名称", "title"), ("id", "编号", "id"),
    ]

    static func value(_ item: [String: Any], _ key: String) -> Any? {
        switch key {
        case "jurisdictionName": item["jurisdictionName"] as? String ?? "全国"
        case "targetRole": (item["targetRole"] as? String).flatMap(WaveTargetRole.init).map { $0.employmentRole.label.zh }
        default: item[key]
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "批次列表 / list waves")
        @OptionGroup var o: RecordOptions
        @Option(help: "year") var year: Int?
        @Option(help: "only the waves this division is subject to (its own level and above)") var region: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let reply = try await api.json("GET", "v1/waves", query: [URLQueryItem(name: "year", value: year.map(String.init)),
                                                                     URLQueryItem(name: "region", value: region)].filter { $0.value != nil })
            try TableCLI.print(reply, o, columns: WaveCommand.columns, value: WaveCommand.value)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看批次 / show a wave")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/waves/\(id)") }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新建批次 / create a wave")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {jurisdiction, year, targetRole, sector, title, minDays, requiredModules, delivery, departments}, - for stdin")
        var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/waves", from: from) }
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
            var reports: [TrainingService.PlanLoadReport] = []
            let texts = try files.map { file -> String in
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
                return String(decoding: data, as: UTF8.self)
            }
            if direct {
                reports = try await ServerSide.withServices(db) { services in
                    var out: [TrainingService.PlanLoadReport] = []
                    for text in texts { out.append(try await services.training.loadPlan(ServerSide.operatorPrincipal, text: text)) }
                    return out
                }
            } else {
                let api = try APIClient.signedIn(client, output)
                for text in texts {
                    let data = try await api.rawData("POST", "v1/waves/plans", query: [], body: Data(text.utf8), contentType: "application/yaml")
                    reports.append(try JSONDecoder().decode(TrainingService.PlanLoadReport.self, from: data))
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

    static let columns: [(key: String, zh: String, en: String)] = [
        ("startDate", "开始", "start"), ("endDate", "结束", "end"), ("kind", "课堂", "kind"), ("regionName", "地点", "region"),
        ("institutionName", "培训机构", "institution"), ("status", "状态", "status"), ("seats", "已报/容量", "seats"),
        ("waveTitle", "批次", "wave"), ("id", "编号", "id"),
    ]

    static func value(_ item: [String: Any], _ key: String) -> Any? {
        switch key {
        case "seats": "\(item["seatsTaken"] as? Int ?? 0)/\(item["capacity"] as? Int ?? 0)"
        case "status": (item["status"] as? String).flatMap(WaveRules.SessionStatus.init).map(\.label.zh)
        case "kind": ["main": "主课堂", "sub": "分课堂", "independent": "独立班"][item["kind"] as? String ?? ""]
        default: item[key]
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
            let reply = try await api.json("GET", "v1/sessions", query: [
                URLQueryItem(name: "wave", value: wave), URLQueryItem(name: "year", value: year.map(String.init)),
                URLQueryItem(name: "status", value: status), URLQueryItem(name: "limit", value: String(limit)),
                URLQueryItem(name: "offset", value: String(offset)),
            ].filter { $0.value != nil })
            try TableCLI.print(reply, o, columns: SessionCommand.columns, value: SessionCommand.value)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看培训班 / show a session")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/sessions/\(id)") }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记培训班（培训机构）/ register a session (institutions)")
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON {waveId, kind, mainSessionId, venue, regionCode, startDate, endDate, hoursPerDay, capacity, modules}, - for stdin")
        var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/sessions", from: from) }
    }

    static func move(_ o: RecordOptions, _ id: String, _ status: String, reason: String? = nil) async throws {
        let api = try APIClient.signedIn(o.client, o.output)
        var body: [String: Any] = ["status": status]
        if let reason { body["reason"] = reason }
        try RecordCLI.printRecord(try await api.json("POST", "v1/sessions/\(id)/status", body: try TableCLI.body(body)), o)
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
            var body: [String: Any] = [:]
            if let person { body["personId"] = person }
            if let enterprise { body["enterpriseId"] = enterprise }
            if let observerName { body["observerName"] = observerName }
            if let observerOrg { body["observerOrganisation"] = observerOrg }
            try RecordCLI.printRecord(try await api.json("POST", "v1/sessions/\(id)/enrollments", body: try TableCLI.body(body)), o)
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
            let reply = try await api.rawData("POST", "v1/sessions/\(id)/enrollments/import",
                                              query: dryRun ? [URLQueryItem(name: "dryRun", value: "true")] : [], body: data,
                                              contentType: "text/csv", timeout: 600)
            let report = try JSONDecoder().decode(EnrollmentImportReport.self, from: reply)
            if o.output.json { print(try JSONOutput.encode(report)) } else {
                if report.accepted {
                    print(zh ? "\(report.dryRun ? "试运行：将" : "已")报名 \(report.enrolled) 人，已在册 \(report.unchanged) 人（共 \(report.rows) 行）"
                        : "\(report.dryRun ? "dry run: would enrol" : "enrolled") \(report.enrolled), already enrolled \(report.unchanged), of \(report.rows) rows")
                } else {
                    print(zh ? "文件未导入，以下各行有误：" : "file rejected; bad rows:")
                    print(Table.render(headers: zh ? ["行", "列", "代码", "说明"] : ["row", "column", "code", "message"],
                                       rows: report.errors.map { [String($0.row), $0.column, $0.code, $0.message] }))
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
            let reply = try await api.json("GET", "v1/sessions/\(id)/roster")
            try TableCLI.print(reply, o, columns: [
                ("name", "姓名", "name"), ("document", "证件号码", "document"), ("organisation", "单位", "organisation"),
                ("observer", "跟班", "observer"), ("presentDays", "出勤天数", "days present"), ("status", "状态", "status"),
                ("completionCode", "合格记录编码", "record code"), ("id", "报名编号", "enrollment id"),
            ]) { item, key in
                guard key == "status", o.output.language == .zh else { return item[key] }
                return ["enrolled": "在册", "completed": "已结业", "not_completed": "未达结业要求", "released": "已释放"][item["status"] as? String ?? ""]
            }
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
            let entries = ids(present).map { ["enrollmentId": $0, "present": true] as [String: Any] }
                + ids(absent).map { ["enrollmentId": $0, "present": false] as [String: Any] }
            let reply = try await api.json("POST", "v1/sessions/\(id)/attendance", body: try TableCLI.body(["day": day, "entries": entries]))
            try TableCLI.print(reply, o, columns: [("name", "姓名", "name"), ("presentDays", "出勤天数", "days present"), ("id", "报名编号", "enrollment id")])
        }
    }

    struct VerifyRecord: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-record", abstract: "核验培训合格记录（无需登录）/ verify a completion record (no login)")
        @OptionGroup var o: RecordOptions
        @Argument var code: String
        func run() async throws {
            let server = o.client.resolvedServer ?? CredentialStore.load()?.server ?? "http://127.0.0.1:8080"
            let api = try APIClient(server: server, token: nil, language: o.output.language)
            try RecordCLI.printRecord(try await api.json("GET", "v1/public/training-records/\(code)"), o)
        }
    }
}
