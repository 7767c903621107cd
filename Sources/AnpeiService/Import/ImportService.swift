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
    let gate: ImportGate

    public init(db: UnitOfWork, config: ServiceConfig, gate: ImportGate = ImportGate()) {
        self.db = db
        self.config = config
        self.gate = gate
    }

    /// At most this many row errors are reported; the rest are counted (issue 9 §2).
    public static let maxReportedErrors = 1_000

    /// The largest file accepted through the API (bytes); server-side
    /// imports by the operator may pass a larger limit.
    public static let maxBytes = 64 * 1024 * 1024

    public func run(
        _ call: CallContext, kind: ImportKind, data: Data, dryRun: Bool, language: Language = .zh,
        maxBytes: Int = ImportService.maxBytes, progress: ImportProgress? = nil
    ) async throws -> ImportReport {
        try authorize(call, kind)
        return try await gate.run(call) {
            try await runAdmitted(call, kind: kind, data: data, dryRun: dryRun, language: language, maxBytes: maxBytes,
                                  progress: progress)
        }
    }

    func runAdmitted(
        _ call: CallContext, kind: ImportKind, data: Data, dryRun: Bool, language: Language,
        maxBytes: Int, progress: ImportProgress?
    ) async throws -> ImportReport {
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
        let controlErrors = Self.controlCharacterErrors(table)
        if !controlErrors.isEmpty { throw ServiceError.validation(Self.capped(controlErrors)) }
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
            if !errors.isEmpty, !dryRun { throw ServiceError.validation(Self.capped(errors)) }
            return ImportReport(
                kind: kind, encoding: encoding, sha256: digest, dryRun: dryRun, rows: total, accepted: errors.isEmpty,
                counts: counts,
                errors: Self.capped(errors).map { .init(row: $0.row ?? 0, column: $0.field, code: $0.code, message: $0.message.text(language)) })
        }
    }

    /// Cells may hold line breaks and tabs (quoted multi-line cells), never other
    /// control characters (issue 9 §6); single-line fields refuse line breaks in
    /// their own checks.
    static func controlCharacterErrors(_ table: CSVTable) -> [FieldError] {
        var out: [FieldError] = []
        for (i, name) in table.header.enumerated() where ControlCharacters.contains(name) {
            out.append(ControlCharacters.error(field: table.header.indices.contains(i) ? "column \(i + 1)" : name, row: 1))
        }
        for row in table.rows {
            for (i, cell) in row.cells.enumerated() where ControlCharacters.contains(cell, allowLineBreaks: true) {
                let column = i < table.header.count ? table.header[i] : "column \(i + 1)"
                out.append(ControlCharacters.error(field: column, row: row.number))
            }
        }
        return out
    }

    /// The first `maxReportedErrors` errors and, if there were more, one line counting the rest.
    static func capped(_ errors: [FieldError]) -> [FieldError] {
        guard errors.count > maxReportedErrors else { return errors }
        let rest = errors.count - maxReportedErrors
        return Array(errors.prefix(maxReportedErrors)) + [FieldError(
            field: "file", code: "more_errors",
            message: LocalizedText(zh: "另有 \(rest) 处错误未列出", en: "\(rest) more errors not listed"))]
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

