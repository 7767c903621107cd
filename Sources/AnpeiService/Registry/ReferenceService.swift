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

    public func specialOperations(_ call: CallContext, version: String = "MEM-30") async throws -> [CatalogueItem] {
        try await db.read { conn in try ReferenceRepository(conn).catalogue(version: version) }.map(CatalogueItem.init)
    }
}
