import AnpeiDomain
import AnpeiStore
import Foundation

/// What one chunk of a file is checked against: the date rules use, the
/// caller's scope, the transaction's connection.
struct ImportChunkContext {
    let index: [String: Int]
    let today: CivilDate
    let scope: Scope
    let conn: PGConnection
}

/// One kind of registry file, end to end: its row rules (the domain's, as the
/// single-record path uses them) and its staging table. `ImportService` drives
/// every kind through these five steps and knows nothing of any one of them.
protocol RowImport {
    /// Creates the kind's staging table in the import's transaction.
    static func begin(_ repo: ImportRepository) throws
    /// Checks a chunk's rows, adds their errors, and COPYs the good ones in.
    static func stage(_ table: CSVTable, _ context: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws
    /// Repeats across the whole file, found in SQL on the staging table.
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict]
    /// Applies the staged rows (set-based upserts, audit rows by `actor`).
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts
}

extension ImportKind {
    /// The one place a kind picks its rules.
    var rows: any RowImport.Type {
        switch self {
        case .people: PeopleRows.self
        case .enterprises: EnterpriseRows.self
        case .regions: RegionRows.self
        case .certificates: CertificateRows.self
        case .institutions: InstitutionRows.self
        }
    }
}

extension PeopleRows: RowImport {
    static func begin(_ repo: ImportRepository) throws { try repo.beginPeople() }
    static func stage(_ table: CSVTable, _ c: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws {
        let staged = try validate(table, index: c.index, today: c.today, conn: c.conn, scope: c.scope, errors: &errors, progress: { _ in })
        try repo.stagePeople(staged) { _ in }
    }
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict] { try repo.peopleConflicts(limit: limit) }
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts {
        try repo.finishPeople(actor: actor)
    }
}

extension EnterpriseRows: RowImport {
    static func begin(_ repo: ImportRepository) throws { try repo.beginEnterprises() }
    static func stage(_ table: CSVTable, _ c: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws {
        try repo.stageEnterprises(try validate(table, index: c.index, conn: c.conn, errors: &errors)) { _ in }
    }
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict] { try repo.enterpriseConflicts(limit: limit) }
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts {
        try repo.finishEnterprises(actor: actor)
    }
}

extension RegionRows: RowImport {
    static func begin(_ repo: ImportRepository) throws { try repo.beginRegions() }
    static func stage(_ table: CSVTable, _ c: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws {
        try repo.stageRegions(try validate(table, index: c.index, conn: c.conn, errors: &errors)) { _ in }
    }
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict] { try repo.regionConflicts(limit: limit) }
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts {
        try repo.finishRegions(actor: actor)
    }
}

extension CertificateRows: RowImport {
    static func begin(_ repo: ImportRepository) throws { try repo.beginCertificates() }
    static func stage(_ table: CSVTable, _ c: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws {
        try repo.stageCertificates(try validate(table, index: c.index, today: c.today, conn: c.conn, errors: &errors)) { _ in }
    }
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict] { try repo.certificateConflicts(limit: limit) }
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts {
        try repo.finishCertificates(actor: actor, today: today.description)
    }
}

extension InstitutionRows: RowImport {
    static func begin(_ repo: ImportRepository) throws { try repo.beginInstitutions() }
    static func stage(_ table: CSVTable, _ c: ImportChunkContext, repo: ImportRepository, errors: inout [FieldError]) throws {
        try repo.stageInstitutions(try validate(table, index: c.index, conn: c.conn, today: c.today, errors: &errors)) { _ in }
    }
    static func conflicts(_ repo: ImportRepository, limit: Int) throws -> [RowConflict] { try repo.institutionConflicts(limit: limit) }
    static func finish(_ repo: ImportRepository, actor: AuditActor, today: CivilDate) throws -> ImportCounts {
        let counts = try repo.finishInstitutions(actor: actor, today: today.description)
        // R-INST-2: a status taking effect on an earlier date re-judges the
        // institution's completed sessions, as the single-record path does.
        for id in try repo.institutionsWithStatusChange() {
            guard let record = try InstitutionRepository(repo.conn).find(id: id, scope: ScopeFilter(.all), today: today) else { continue }
            try CompletionStanding.recount(repo.conn, institution: id, history: record.history)
        }
        return counts
    }
}
