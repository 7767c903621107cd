import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

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
    /// Refused document registrations per user, shared with `PersonService`.
    let refusals: TokenBuckets

    public init(db: UnitOfWork, config: ServiceConfig, gate: ImportGate = ImportGate(),
                refusals: TokenBuckets = TokenBuckets(capacity: 10, perHour: 10))
    {
        self.db = db
        self.config = config
        self.gate = gate
        self.refusals = refusals
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
        try await run(call, kind: kind, source: .data(data), dryRun: dryRun, language: language, maxBytes: maxBytes,
                      progress: progress)
    }

    /// Imports from a buffer or a file. Memory stays at O(chunk + reported
    /// errors) whatever the file size (issue 9 §2): a first pass reads the
    /// file for its size, digest and encoding; the second parses it a piece at
    /// a time, checks `chunkRows` rows at once and COPYs them into the staging
    /// table; checks across rows (repeats) then run in SQL on the staging
    /// table, and the set-based upserts follow — all in one transaction, so a
    /// file with any bad row still writes nothing.
    public func run(
        _ call: CallContext, kind: ImportKind, source: ImportSource, dryRun: Bool, language: Language = .zh,
        maxBytes: Int = ImportService.maxBytes, progress: ImportProgress? = nil
    ) async throws -> ImportReport {
        try authorize(call, kind)
        return try await gate.run(call) {
            try await runAdmitted(call, kind: kind, source: source, dryRun: dryRun, language: language, maxBytes: maxBytes,
                                  progress: progress)
        }
    }

    /// An upload: admitted by the gate first, then `spool` writes the body to a
    /// temporary file (removed afterwards), which is imported as a file.
    public func runUpload(
        _ call: CallContext, kind: ImportKind, dryRun: Bool, language: Language = .zh,
        spool: (FileHandle) async throws -> Void
    ) async throws -> ImportReport {
        try authorize(call, kind)
        return try await gate.run(call) {
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("anpei-upload-\(UUID().uuidString).csv").path
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: path)
            else { throw ServiceError.internal }
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                try await spool(handle)
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            return try await runAdmitted(call, kind: kind, source: .file(path), dryRun: dryRun, language: language,
                                         maxBytes: Self.maxBytes, progress: nil)
        }
    }

    /// Rows checked and staged at once.
    static let chunkRows = 5_000

    func runAdmitted(
        _ call: CallContext, kind: ImportKind, source: ImportSource, dryRun: Bool, language: Language,
        maxBytes: Int, progress: ImportProgress?
    ) async throws -> ImportReport {
        let profile: ImportProfile
        do {
            profile = try ImportProfile.read(source, maxBytes: maxBytes)
        } catch is ImportProfile.TooLarge {
            throw ServiceError.validation([FieldError(field: "file", code: "file_too_large",
                message: LocalizedText(zh: "文件超过\(maxBytes >> 20) MiB", en: "file larger than \(maxBytes >> 20) MiB"))])
        } catch let e as ImportSource.TooLong {
            throw Self.syntax("第\(e.line)行起的记录过长（引号未闭合？）", "record from line \(e.line) too long (unclosed quote?)", row: e.line)
        } catch is TextDecoding.Failure {
            throw ServiceError.validation([FieldError(field: "file", code: "unknown_encoding",
                message: LocalizedText(zh: "文件编码无法识别（应为UTF-8或GBK/GB18030）", en: "not UTF-8 or GB18030 text"))])
        }
        let today = CivilDate.today(at: config.now())
        let scope = call.principal.scope
        let digest = profile.sha256
        let encoding = profile.encoding

        // Validation that needs reference data runs in the same transaction as
        // the load, so the check and the write see the same database.
        let outcome: Outcome
        do {
            outcome = try await db.write(call) { conn, audit -> Outcome in
                var errors = ErrorList(cap: Self.maxReportedErrors)
                let repo = ImportRepository(conn)
                let rows = kind.rows
                try rows.begin(repo)
                var index: [String: Int]?
                var header: [String] = []
                var pending: [(number: Int, cells: [String])] = []
                var total = 0
                var bytesDone = 0
                var firstPiece = true
                func flush() throws {
                    guard let index, !pending.isEmpty else { return }
                    let table = CSVTable(header: header, rows: pending)
                    pending.removeAll(keepingCapacity: true)
                    let controls = Self.controlCharacterErrors(table, index: index)
                    errors.add(controls)
                    let bad = Set(controls.compactMap(\.row))
                    let clean = bad.isEmpty ? table : CSVTable(header: header, rows: table.rows.filter { !bad.contains($0.number) })
                    var rowErrors: [FieldError] = []
                    try rows.stage(clean, ImportChunkContext(index: index, today: today, scope: scope, conn: conn), repo: repo,
                                   errors: &rowErrors)
                    errors.add(rowErrors)
                }
                try source.forEachPiece { piece, line in
                    bytesDone += piece.count
                    let text = try profile.utf8(piece, first: firstPiece)
                    firstPiece = false
                    let records: [(number: Int, cells: [String])]
                    do {
                        records = try CSVTable.parseRecords(text, firstLine: line).records
                    } catch let e as CSVTable.ParseError {
                        throw Self.syntax("CSV格式错误：\(e.message)", "CSV syntax: \(e.message)", row: e.row)
                    }
                    var rest = records[...]
                    if index == nil, let first = rest.first {
                        header = first.cells.map { $0.trimmedCell }
                        switch ImportSchema.mapHeader(header, kind: kind) {
                        case .success(let i): index = i
                        case .failure(let failure): throw ServiceError.validation(failure.errors)
                        }
                        rest = rest.dropFirst()
                    }
                    for record in rest {
                        pending.append(record)
                        total += 1
                        if pending.count >= Self.chunkRows { try flush() }
                    }
                    progress?("validate", bytesDone, profile.bytes)
                }
                guard index != nil else { throw Self.syntax("CSV格式错误：empty file", "CSV syntax: empty file", row: 1) }
                try flush()
                errors.add(try Self.crossRowErrors(kind, repo: repo, limit: Self.maxReportedErrors + 1))
                var counts = ImportCounts()
                if errors.total == 0 {
                    progress?("load", 0, 1)
                    counts = try rows.finish(repo, actor: audit.actor, today: today)
                    progress?("load", 1, 1)
                    try audit.record(
                        action: "import.\(kind.rawValue)", entityType: "import", entityID: digest,
                        json: try PGJSON(encoding: ImportAudit(rows: total, encoding: encoding.rawValue, counts: counts, dryRun: dryRun)))
                }
                // Nothing is kept from a dry run or from a rejected file.
                if dryRun || errors.total > 0 { throw Outcome.rollback(errors: errors.report, counts: counts, rows: total) }
                return .committed(counts, rows: total)
            }
        } catch let rolledBack as Outcome {
            outcome = rolledBack
        }

        // An enterprise's refused documents count against its user's budget, as
        // on POST /v1/people: a file of guesses is no oracle either (issue 9 §1).
        if case .rollback(let errors, _, _) = outcome, case .enterprise = call.principal.scope {
            let refused = errors.filter { $0.code == PersonService.documentRefusedCode }.count
            if refused > 0 {
                let key = call.principal.userID.uuidString
                let now = config.now()
                if let wait = refusals.exhausted(key, now: now) { throw ServiceError.rateLimited(retryAfter: wait) }
                for _ in 0..<refused { refusals.spend(key, now: now) }
                if let wait = refusals.exhausted(key, now: now), refused > 1 { throw ServiceError.rateLimited(retryAfter: wait) }
            }
        }
        switch outcome {
        case .committed(let counts, let rows):
            return ImportReport(kind: kind, encoding: encoding, sha256: digest, dryRun: false, rows: rows, accepted: true,
                                counts: counts, errors: [])
        case .rollback(let errors, let counts, let rows):
            if !errors.isEmpty, !dryRun { throw ServiceError.validation(errors) }
            return ImportReport(
                kind: kind, encoding: encoding, sha256: digest, dryRun: dryRun, rows: rows, accepted: errors.isEmpty,
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
        case committed(ImportCounts, rows: Int)
        case rollback(errors: [FieldError], counts: ImportCounts, rows: Int)
    }
}

