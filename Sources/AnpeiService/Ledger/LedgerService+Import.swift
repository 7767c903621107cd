import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

extension LedgerService {
    /// One attendance per row; rows with the same kind, date, hours, trainer
    /// and title are one event.
    static let columns: [CSVColumn] = [
        CSVColumn("kind", ["培训类别", "kind"], required: true),
        CSVColumn("date", ["培训日期", "日期", "date"], required: true),
        CSVColumn("hours", ["学时", "hours"], required: true),
        CSVColumn("trainer", ["授课人或机构", "授课人", "培训机构", "trainer"], required: false),
        CSVColumn("title", ["培训主题", "主题", "title"], required: false),
        CSVColumn("documentNumber", ["证件号码", "身份证号码", "documentnumber"], required: true),
        CSVColumn("name", ["姓名", "name"], required: true),
        CSVColumn("documentType", ["证件类型", "documenttype"], required: false),
    ]

    public static let template = "培训类别,培训日期,学时,授课人或机构,培训主题,证件号码,姓名,证件类型\r\n"
        + "三级教育（厂级）,2026-03-02,24,安全管理部,新员工入厂教育,140825197001011234,张三,居民身份证\r\n"

    /// At most a year's attendance of a large plant, read whole.
    public static let maxImportBytes = 8 << 20

    /// Records a CSV file of attendances into the enterprise's ledger, all or
    /// nothing, with every bad row reported by row number and column.
    /// Idempotent: attendances already recorded are counted as unchanged.
    public func importAttendance(_ call: CallContext, enterprise id: UUID, data: Data, dryRun: Bool,
                                 language: Language = .zh) async throws -> LedgerImportReport {
        try authorizeWrite(call)
        guard data.count <= Self.maxImportBytes else {
            throw ServiceError.validation([FieldError(field: "file", code: "too_large", message: LocalizedText(
                zh: "文件不能超过 \(Self.maxImportBytes >> 20) MB", en: "at most \(Self.maxImportBytes >> 20) MB"))])
        }
        let scope = ScopeFilter(call.principal.scope)
        guard try await db.read({ conn in try EnterpriseRepository(conn).find(id: id, scope: scope) }) != nil else {
            throw ServiceError.notFound(entity: "enterprise")
        }
        return try await gate.run(call) {
            try await importAdmitted(call, enterprise: id, data: data, dryRun: dryRun, language: language)
        }
    }

    func importAdmitted(_ call: CallContext, enterprise: UUID, data: Data, dryRun: Bool, language: Language) async throws -> LedgerImportReport {
        let (text, encoding) = try TextDecoding.decode(data)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var report = LedgerImportReport(enterpriseId: enterprise.lowercased, encoding: encoding, sha256: digest, dryRun: dryRun)
        func fail(_ row: Int, _ column: String, _ code: String, _ message: LocalizedText) {
            report.errors.append(.init(row: row, column: column, code: code, message: message.text(language)))
        }
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch let e as CSVTable.ParseError {
            fail(e.row, "", "bad_csv", LocalizedText(zh: e.message, en: e.message))
            return report
        }
        let (index, missing) = table.locate(Self.columns)
        for column in missing {
            fail(1, column.names[0], "missing_column", LocalizedText(zh: "缺少列：\(column.names[0])", en: "missing column \(column.key)"))
        }
        let rows = table.rows.filter { !$0.cells.allSatisfy { $0.trimmedCell.isEmpty } }
        report.rows = rows.count
        if rows.isEmpty, report.errors.isEmpty { fail(2, "", "empty_file", LocalizedText(zh: "文件没有数据行", en: "the file has no rows")) }
        for cell in table.controlCharacterCells() {
            fail(cell.row, cell.column, "control_character", ControlCharacters.error(field: "").message)
        }
        guard report.errors.isEmpty else { return report }

        // Event fields are checked without the database, so a file of bad dates fails before any lookup.
        let now = today
        let columnName = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0.key, $0.names[0]) })
        struct Parsed { var number: Int; var event: EventFields; var type: DocumentType; var document: String; var name: String }
        var parsed: [Parsed] = []
        for row in rows {
            func cell(_ key: String) -> String { index[key].flatMap { $0 < row.cells.count ? row.cells[$0].trimmedCell : nil } ?? "" }
            var v = Validator()
            let fields = Self.checkEvent(&v, kind: cell("kind"), date: cell("date"), hours: Int(cell("hours")), trainer: cell("trainer"),
                                         title: cell("title"), today: now)
            for e in v.errors { fail(row.number, columnName[e.field] ?? e.field, e.code, e.message) }
            let typeText = cell("documentType")
            let type = typeText.isEmpty || typeText == "居民身份证" ? DocumentType.residentID
                : DocumentType(rawValue: typeText) ?? DocumentType.allCases.first { $0.label.zh == typeText }
            if type == nil { fail(row.number, "证件类型", "invalid", LocalizedText(zh: "证件类型无效", en: "invalid document type")) }
            if let fields, let type {
                parsed.append(Parsed(number: row.number, event: fields, type: type, document: cell("documentNumber"), name: cell("name")))
            }
        }
        guard report.errors.isEmpty else { return report }
        let checked = parsed

        struct Rollback: Error { let report: LedgerImportReport }
        let start = report
        do {
            return try await db.write(call) { conn, audit in
                var report = start
                func rowFail(_ row: Int, _ column: String, _ code: String, _ message: LocalizedText) {
                    report.errors.append(.init(row: row, column: column, code: code, message: message.text(language)))
                }
                let people = PersonRepository(conn)
                let repo = LedgerRepository(conn)
                struct Key: Hashable { var kind: HoursRules.Kind; var date: CivilDate; var hours: Int; var trainer: String; var title: String }
                var groups: [Key: [(row: Int, person: UUID)]] = [:]
                var order: [Key] = []
                var seen: [String: Int] = [:]
                for p in checked {
                    let doc: IdentityDocument
                    switch IdentityDocument.parse(type: p.type, number: p.document, today: now) {
                    case .success(let d): doc = d
                    case .failure(let e): rowFail(p.number, "证件号码", e.code, e.message); continue
                    }
                    guard let personID = try people.findID(documentType: p.type, number: doc.number),
                          let person = try people.find(id: personID, scope: ScopeFilter(.all)) else {
                        rowFail(p.number, "证件号码", "unknown_person", LocalizedText(zh: "未在人员库中登记", en: "not in the register")); continue
                    }
                    if person.name != p.name {
                        rowFail(p.number, "姓名", "name_mismatch", LocalizedText(zh: "姓名与证件号码不符", en: "name does not match the document")); continue
                    }
                    let key = Key(kind: p.event.kind, date: p.event.date, hours: p.event.hours, trainer: p.event.trainer, title: p.event.title)
                    let seenKey = "\(key.kind.rawValue)|\(key.date)|\(key.hours)|\(key.trainer)|\(key.title)|\(personID)"
                    if let first = seen[seenKey] {
                        rowFail(p.number, "证件号码", "duplicate_row", LocalizedText(zh: "与第 \(first) 行重复", en: "repeats row \(first)")); continue
                    }
                    seen[seenKey] = p.number
                    if groups[key] == nil { order.append(key) }
                    groups[key, default: []].append((p.number, personID))
                }
                for key in order {
                    let members = groups[key] ?? []
                    let eligible = try repo.attendable(enterprise: enterprise, people: members.map(\.person), on: key.date)
                    for m in members where !eligible.contains(m.person) {
                        rowFail(m.row, "证件号码", "not_employed", LocalizedText(
                            zh: "该人员在培训日期后不在本单位任职（含劳务派遣、灵活用工、外包人员）", en: "not employed by the enterprise on or after the training date"))
                    }
                }
                if report.errors.isEmpty {
                    for key in order {
                        let members = groups[key] ?? []
                        let event = try repo.upsertEvent(enterprise: enterprise, kind: key.kind, on: key.date, hours: key.hours, trainer: key.trainer,
                                                         title: key.title, by: audit.actor.name)
                        if event.created { report.eventsCreated += 1 }
                        let added = try repo.addAttendees(event: event.id, people: members.map(\.person))
                        report.attendancesAdded += added
                        report.unchanged += members.count - added
                    }
                }
                report.errors.sort { ($0.row, $0.column) < ($1.row, $1.column) }
                report.accepted = report.errors.isEmpty
                if !report.accepted || dryRun { throw Rollback(report: report) }
                try audit.record(action: "training_events.imported", entityType: "enterprise", entityID: enterprise.lowercased, change: [
                    "rows": .int(report.rows), "events": .int(report.eventsCreated), "attendances": .int(report.attendancesAdded),
                    "unchanged": .int(report.unchanged), "sha256": .string(digest),
                ])
                return report
            }
        } catch let rollback as Rollback {
            var r = rollback.report
            if dryRun && r.errors.isEmpty { r.accepted = true }
            return r
        }
    }
}
