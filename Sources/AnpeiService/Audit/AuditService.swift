import AnpeiStore

/// Verification of the audit chain (server-side; admin or operator only).
public struct AuditService: Sendable {
    let db: UnitOfWork
    public init(db: UnitOfWork) { self.db = db }

    public func verify(_ call: CallContext, progress: @escaping @Sendable (Int) -> Void = { _ in })
        async throws -> AuditRepository.Verification
    {
        guard call.principal.role == .admin else { throw ServiceError.forbidden }
        return try await db.read { conn in try AuditRepository(conn).verify(progress: progress) }
    }
}
