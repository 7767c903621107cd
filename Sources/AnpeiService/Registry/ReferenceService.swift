import AnpeiDomain
import AnpeiStore
import Foundation

/// Reference lists every signed-in user may read.
public struct ReferenceService: Sendable {
    let db: UnitOfWork
    public init(db: UnitOfWork) { self.db = db }

    public func regions(_ call: CallContext, parent: String?) async throws -> [ReferenceRepository.Region] {
        try await db.read { conn in try ReferenceRepository(conn).regions(parent: parent) }
    }

    public func sectors(_ call: CallContext) async throws -> [ReferenceRepository.Sector] {
        try await db.read { conn in try ReferenceRepository(conn).sectors() }
    }

    public func specialOperations(_ call: CallContext, version: String = "MEM-30") async throws -> [ReferenceRepository.CatalogueItem] {
        try await db.read { conn in try ReferenceRepository(conn).catalogue(version: version) }
    }
}
