import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

extension TrainingService {
    /// Columns: 证件号码 (documentNumber), 姓名 (name), optional 证件类型
    /// (documentType, default resident ID) and 单位统一社会信用代码 (creditCode).
    static let enrollmentColumns: [CSVColumn] = [
        CSVColumn("documentNumber", ["证件号码", "身份证号码", "documentnumber"], required: true),
        CSVColumn("name", ["姓名", "name"], required: true),
        CSVColumn("documentType", ["证件类型", "documenttype"], required: false),
        CSVColumn("creditCode", ["单位统一社会信用代码", "统一社会信用代码", "creditcode"], required: false),
    ]

    public static let enrollmentTemplate = "证件号码,姓名,证件类型,单位统一社会信用代码\r\n140825197001011234,张三,居民身份证,\r\n"

    /// Enrols a CSV file of trainees into a session, all or nothing (the same
    /// checks as one-by-one enrolment, capacity counted across the file).
    /// Idempotent: people already enrolled are counted as unchanged.
    public func importEnrollments(_ call: CallContext, session id: UUID, data: Data, dryRun: Bool,
                                  language: Language = .zh) async throws -> EnrollmentImportReport {
        let s = try await ownSession(call, id: id)
        return try await gate.run(call) {
            try await importEnrollmentsAdmitted(call, session: s, data: data, dryRun: dryRun, language: language)
        }
    }

    /// A roster is at most a session's capacity (10,000) of short rows: files
    /// are small and read whole, under this limit.
    public static let maxEnrollmentBytes = 2 << 20

    func importEnrollmentsAdmitted(_ call: CallContext, session s: SessionRecord, data: Data, dryRun: Bool,
                                   language: Language) async throws -> EnrollmentImportReport {
        let (text, encoding) = try TextDecoding.decode(data)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var report = EnrollmentImportReport(sessionId: s.id.lowercased, encoding: encoding, sha256: digest, dryRun: dryRun, rows: 0, accepted: false,
                                            enrolled: 0, unchanged: 0, errors: [])
        func fail(_ row: Int, _ column: String, _ code: String, _ message: LocalizedText) {
            report.errors.append(.init(row: row, column: column, code: code, message: language == .zh ? message.zh : message.en))
        }
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch let e as CSVTable.ParseError {
            fail(e.row, "", "bad_csv", LocalizedText(zh: e.message, en: e.message))
            return report
        }
        report.rows = table.rows.count
        for cell in table.controlCharacterCells() {
            fail(cell.row, cell.column, "control_character", ControlCharacters.error(field: "").message)
        }
        let (index, missing) = table.locate(Self.enrollmentColumns)
        for column in missing {
            fail(1, column.names[0], "missing_column", LocalizedText(zh: "缺少列：\(column.names[0])", en: "missing column \(column.key)"))
        }
        guard report.errors.isEmpty else { return report }
        let today = self.today
        struct Rollback: Error { let report: EnrollmentImportReport }
        let start = report
        let columns = index
        do {
            return try await db.write(call) { conn, audit in
                var report = start
                let people = PersonRepository(conn)
                let enterprises = EnterpriseRepository(conn)
                for (number, cells) in table.rows {
                    func cell(_ key: String) -> String { columns[key].flatMap { $0 < cells.count ? cells[$0].trimmedCell : nil } ?? "" }
                    func rowFail(_ column: String, _ code: String, _ message: LocalizedText) {
                        report.errors.append(.init(row: number, column: column, code: code, message: language == .zh ? message.zh : message.en))
                    }
                    let typeText = cell("documentType")
                    let type = typeText.isEmpty || typeText == "居民身份证" ? DocumentType.residentID
                        : DocumentType(rawValue: typeText) ?? DocumentType.allCases.first { $0.label.zh == typeText }
                    guard let type else { rowFail("证件类型", "invalid", LocalizedText(zh: "证件类型无效", en: "invalid document type")); continue }
                    let doc: IdentityDocument
                    switch IdentityDocument.parse(type: type, number: cell("documentNumber"), today: today) {
                    case .success(let d): doc = d
                    case .failure(let e): rowFail("证件号码", e.code, e.message); continue
                    }
                    guard let personID = try people.findID(documentType: type, number: doc.number),
                          let person = try people.find(id: personID, scope: ScopeFilter(.all)) else {
                        rowFail("证件号码", "unknown_person", LocalizedText(zh: "未在人员库中登记", en: "not in the register")); continue
                    }
                    if person.name != cell("name") {
                        rowFail("姓名", "name_mismatch", LocalizedText(zh: "姓名与证件号码不符", en: "name does not match the document")); continue
                    }
                    var enterpriseID: String?
                    let credit = cell("creditCode").uppercased()
                    if !credit.isEmpty {
                        guard let e = try enterprises.find(creditCode: credit) else {
                            rowFail("单位统一社会信用代码", "unknown_enterprise", LocalizedText(zh: "未登记的单位", en: "no such enterprise")); continue
                        }
                        enterpriseID = e.id
                    }
                    if try TrainingRepository(conn).isEnrolled(person: personID, session: s.id) {
                        report.unchanged += 1
                        continue
                    }
                    do {
                        _ = try enrollLocked(conn, session: s, EnrollInput(personId: personID.uuidString, enterpriseId: enterpriseID), field: "")
                        report.enrolled += 1
                    } catch let e as ServiceError {
                        for fe in e.fieldErrors { rowFail(fe.field == "enterpriseId" ? "单位统一社会信用代码" : "证件号码", fe.code, fe.message) }
                    }
                }
                report.accepted = report.errors.isEmpty
                if !report.accepted || dryRun { throw Rollback(report: report) }
                try audit.record(action: "session.enrollments_imported", entityType: "training_session", entityID: s.id.lowercased, change: [
                    "rows": .int(report.rows), "enrolled": .int(report.enrolled), "unchanged": .int(report.unchanged), "sha256": .string(digest),
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
