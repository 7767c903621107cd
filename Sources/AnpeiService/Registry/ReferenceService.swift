import AnpeiDomain
import AnpeiStore
import Foundation

/// Reference lists every signed-in user may read.
public struct ReferenceService: Sendable {
    let db: UnitOfWork
    public init(db: UnitOfWork) { self.db = db }

    public func regions(_ call: CallContext, parent: String?) async throws -> [Region] {
        try await db.read { conn in try ReferenceRepository(conn).regions(parent: parent) }.map(Region.init)
    }

    public func sectors(_ call: CallContext) async throws -> [Sector] {
        try await db.read { conn in try ReferenceRepository(conn).sectors() }.map(Sector.init)
    }

    /// A catalogue version's items; without a version, the catalogue of the
    /// rule set in force on `date` (no version is a constant in code).
    public func specialOperations(_ call: CallContext, version: String? = nil, on date: CivilDate) async throws -> [CatalogueItem] {
        try await db.read { conn in
            let sets = try CertificateRepository(conn).ruleSets()
            let chosen = version ?? CertificateRuleSet.applicable(on: date, among: sets)?.catalogueVersion
            return try chosen.map { try ReferenceRepository(conn).catalogue(version: $0) } ?? []
        }.map(CatalogueItem.init)
    }
}
