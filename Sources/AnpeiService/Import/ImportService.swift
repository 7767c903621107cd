import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

/// The outcome of an import or a dry run.
public struct ImportReport: Codable, Sendable {
    public struct RowError: Codable, Sendable, Equatable {
        public var row: Int
        public var column: String
        public var code: String
        public var message: String
    }

    public var kind: ImportKind
    public var encoding: TextDecoding.Encoding
    public var sha256: String
    public var dryRun: Bool
    /// Data rows in the file (the header not counted).
    public var rows: Int
    /// False when the file was rejected: then nothing was written.
    public var accepted: Bool
    public var counts: ImportCounts
    public var errors: [RowError]
}

/// A progress callback: phase ("parse", "validate", "load"), done, total.
public typealias ImportProgress = @Sendable (String, Int, Int) -> Void

/// CSV imports of enterprises, people with their employment, and institutions.
/// Every row is checked with the same rules as the single-record endpoints; a
/// file with any bad row is rejected whole with a report of every bad row. A
/// good file is loaded through COPY and set-based upserts in one transaction;
/// a dry run does the same and rolls back, so its counts are exact.
public struct ImportService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    /// The largest file accepted through the API (bytes); server-side
    /// imports by the operator may pass a larger limit.
    public static let maxBytes = 64 * 1024 * 1024

    public func run(
        _ call: CallContext, kind: ImportKind, data: Data, dryRun: Bool, language: Language = .zh,
        maxBytes: Int = ImportService.maxBytes, progress: ImportProgress? = nil
    ) async throws -> ImportReport {
        try authorize(call, kind)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard data.count <= maxBytes else {
            throw ServiceError.validation([FieldError(field: "file", code: "file_too_large",
                message: LocalizedText(zh: "文件超过\(maxBytes >> 20) MiB", en: "file larger than \(maxBytes >> 20) MiB"))])
        }
        let (text, encoding): (String, TextDecoding.Encoding)
        do {
            (text, encoding) = try TextDecoding.decode(data)
        } catch {
            throw ServiceError.validation([FieldError(field: "file", code: "unknown_encoding",
                message: LocalizedText(zh: "文件编码无法识别（应为UTF-8或GBK/GB18030）", en: "not UTF-8 or GB18030 text"))])
        }
        progress?("parse", 0, 1)
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch let e as CSVTable.ParseError {
            throw ServiceError.validation([FieldError(field: "file", code: "csv_syntax",
                message: LocalizedText(zh: "CSV格式错误：\(e.message)", en: "CSV syntax: \(e.message)"), row: e.row)])
        }
        let index: [String: Int]
        switch ImportSchema.mapHeader(table.header, kind: kind) {
        case .success(let i): index = i
        case .failure(let failure): throw ServiceError.validation(failure.errors)
        }
        let today = CivilDate.today(at: config.now())
        let actor = ImportActor(
            id: call.principal.username.hasPrefix("system:") ? nil : call.principal.userID,
            name: call.principal.username, requestID: call.requestID)
        let scope = call.principal.scope
        let total = table.rows.count

        // Validation that needs reference data runs in the same transaction as
        // the load, so the check and the write see the same database.
        let outcome: Outcome
        do {
            outcome = try await db.pool.transaction { conn -> Outcome in
            var errors: [FieldError] = []
            var counts = ImportCounts()
            switch kind {
            case .people:
                let staged = try PeopleRows.validate(table, index: index, today: today, conn: conn, scope: scope,
                                                     errors: &errors, progress: { progress?("validate", $0, total) })
                if errors.isEmpty {
                    counts = try ImportRepository(conn).importPeople(staged, actor: actor) { progress?("load", $0, total) }
                }
            case .enterprises:
                let staged = try EnterpriseRows.validate(table, index: index, conn: conn, errors: &errors)
                if errors.isEmpty {
                    counts = try ImportRepository(conn).importEnterprises(staged, actor: actor) { progress?("load", $0, total) }
                }
            case .regions:
                let staged = try RegionRows.validate(table, index: index, conn: conn, errors: &errors)
                if errors.isEmpty {
                    counts = try ImportRepository(conn).importRegions(staged, actor: actor) { progress?("load", $0, total) }
                }
            case .certificates:
                let staged = try CertificateRows.validate(table, index: index, today: today, conn: conn, errors: &errors)
                if errors.isEmpty {
                    counts = try ImportRepository(conn).importCertificates(staged, actor: actor, today: today.description) {
                        progress?("load", $0, total)
                    }
                }
            case .institutions:
                let staged = try InstitutionRows.validate(table, index: index, conn: conn, errors: &errors)
                if errors.isEmpty {
                    counts = try ImportRepository(conn).importInstitutions(staged, actor: actor, today: today.description) {
                        progress?("load", $0, total)
                    }
                }
            }
            if errors.isEmpty {
                try AuditRepository(conn).append(AuditEntry(
                    actorID: actor.id, actorName: actor.name, action: "import.\(kind.rawValue)", entityType: "import",
                    entityID: digest, requestID: actor.requestID,
                    change: try PGJSON(encoding: ImportAudit(rows: total, encoding: encoding.rawValue, counts: counts, dryRun: dryRun))))
            }
            // Nothing is kept from a dry run or from a rejected file.
            if dryRun || !errors.isEmpty { throw Outcome.rollback(errors: errors, counts: counts) }
            return .committed(counts)
            }
        } catch let rolledBack as Outcome {
            outcome = rolledBack
        }

        switch outcome {
        case .committed(let counts):
            return ImportReport(kind: kind, encoding: encoding, sha256: digest, dryRun: false, rows: total, accepted: true,
                                counts: counts, errors: [])
        case .rollback(let errors, let counts):
            if !errors.isEmpty, !dryRun { throw ServiceError.validation(errors) }
            return ImportReport(
                kind: kind, encoding: encoding, sha256: digest, dryRun: dryRun, rows: total, accepted: errors.isEmpty,
                counts: counts,
                errors: errors.map { .init(row: $0.row ?? 0, column: $0.field, code: $0.code, message: $0.message.text(language)) })
        }
    }

    func authorize(_ call: CallContext, _ kind: ImportKind) throws {
        switch (kind, call.principal.scope) {
        case (_, .all): return
        case (.people, .enterprise): return
        default: throw ServiceError.forbidden
        }
    }

    struct ImportAudit: Encodable {
        let rows: Int
        let encoding: String
        let counts: ImportCounts
        let dryRun: Bool
    }

    /// A transaction that must roll back carries its result out as an error.
    enum Outcome: Error, Sendable {
        case committed(ImportCounts)
        case rollback(errors: [FieldError], counts: ImportCounts)
    }
}

