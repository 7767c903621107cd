import AnpeiService
import AnpeiStore
import Foundation
import Logging

/// Builds the service layer for server-side commands.
enum ServerSide {
    static func services(_ db: DatabaseOptions, logger: Logger, tokenTTL: Duration? = nil, signingKey: SigningKey? = nil,
                         observer: PGStatementObserver? = nil) throws -> Services {
        var config = ServiceConfig()
        if let tokenTTL { config.tokenLifetime = tokenTTL }
        if let signingKey { config.signingKey = signingKey }
        let pool = PGPool(conninfo: db.resolvedURL, size: try db.resolvedPoolSize(), logger: logger, observer: observer)
        return try Services(pool: pool, config: config)
    }

    /// Runs `body` with services for a one-shot command, then closes them.
    static func withServices<T>(_ db: DatabaseOptions, signingKey: SigningKey? = nil, _ body: (Services) async throws -> T) async throws -> T {
        var logger = Logger(label: "anpei")
        logger.logLevel = .error
        let services = try services(db, logger: logger, signingKey: signingKey)
        do {
            let value = try await body(services)
            await services.shutdown()
            return value
        } catch {
            await services.shutdown()
            throw error
        }
    }

    /// The actor recorded in the audit log for an operator's command.
    static var operatorPrincipal: CallContext {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        return CallContext(principal: .system(operator: user), requestID: "cli-" + UUID().uuidString.lowercased().prefix(8))
    }

    /// The same operator, for store-level work outside the services (loading
    /// reference data right after the migrations).
    static var operatorActor: AuditActor {
        let call = operatorPrincipal
        return AuditActor(id: nil, name: call.principal.username, requestID: call.requestID)
    }
}
