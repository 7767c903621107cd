import AnpeiDomain
import AnpeiStore
import Foundation

/// Runs a use case in one transaction and appends its audit rows in that
/// same transaction, so a write and its audit entry commit or vanish together.
public struct UnitOfWork: Sendable {
    let pool: PGPool

    public init(pool: PGPool) { self.pool = pool }

    public func write<T: Sendable>(
        _ call: CallContext,
        _ body: @escaping @Sendable (PGConnection, AuditWriter) throws -> T
    ) async throws -> T {
        try await pool.transaction { conn in
            try body(conn, AuditWriter(conn: conn, call: call))
        }
    }

    /// A write made before anyone is authenticated (login attempts): audited
    /// under the request id, with the actor named per row.
    public func anonymousWrite<T: Sendable>(
        requestID: String, _ body: @escaping @Sendable (PGConnection, AuditWriter) throws -> T
    ) async throws -> T {
        try await pool.transaction { conn in
            try body(conn, AuditWriter(conn: conn, requestID: requestID))
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await pool.withConnection(body)
    }
}

/// Appends audit rows for the current call.
public struct AuditWriter: Sendable {
    let conn: PGConnection
    let call: CallContext?
    let anonymousRequestID: String?

    init(conn: PGConnection, call: CallContext) {
        self.conn = conn
        self.call = call
        self.anonymousRequestID = nil
    }

    /// For writes made before anyone is authenticated (login attempts).
    init(conn: PGConnection, requestID: String) {
        self.conn = conn
        self.call = nil
        self.anonymousRequestID = requestID
    }

    public func record(
        action: String, entityType: String, entityID: String?, change: [String: AuditValue],
        actor: (id: UUID?, name: String)? = nil
    ) throws {
        try append(action: action, entityType: entityType, entityID: entityID, change: try PGJSON(encoding: change), actor: actor)
    }

    /// A row whose change is a structured document (an import's counts).
    public func record(action: String, entityType: String, entityID: String?, json: PGJSON) throws {
        try append(action: action, entityType: entityType, entityID: entityID, change: json, actor: nil)
    }

    /// Who this unit of work's audit rows name (also for the set-based rows
    /// of imports, `AuditRepository.rows(by:from:)`): operators acting
    /// server-side are `system:<name>` without a user id.
    public var actor: AuditActor {
        guard let call else { return AuditActor(id: nil, name: "anonymous", requestID: anonymousRequestID) }
        return AuditActor(id: call.principal.isSystem ? nil : call.principal.userID, name: call.principal.username,
                          requestID: call.requestID)
    }

    private func append(action: String, entityType: String, entityID: String?, change: PGJSON, actor: (id: UUID?, name: String)?) throws {
        let who = actor.map { AuditActor(id: $0.id, name: $0.name, requestID: self.actor.requestID) } ?? self.actor
        try AuditRepository(conn).append(AuditEntry(
            actorID: who.id, actorName: who.name, action: action, entityType: entityType, entityID: entityID,
            requestID: who.requestID, change: change))
    }
}

/// JSON values for audit change records (passwords and tokens never go in).
public enum AuditValue: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral
{
    case string(String)
    case bool(Bool)
    case int(Int)
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(_ value: String?) { self = value.map(AuditValue.string) ?? .null }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .null: try c.encodeNil()
        }
    }
}
