import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// A bounded pool of libpq connections with its own thread pool of the same
/// size: libpq blocks, so every database call runs on one of these threads,
/// never on an HTTP event loop or the Swift concurrency pool.
///
/// A connection that broke (server restart, network) is discarded when it
/// comes back; when one breaks, idle ones are probably stale too, so they are
/// dropped as well and the operation is retried once on a fresh connection if
/// it had not reached COMMIT. The service thus recovers without a restart.
public final class PGPool: Sendable {
    public let conninfo: String
    public let size: Int
    private let threads: NIOThreadPool
    private let permits: AsyncSemaphore
    private let idle = NIOLockedValueBox<[PGConnection]>([])
    private let logger: Logger
    private let observer: PGStatementObserver?

    public init(conninfo: String, size: Int = 8, logger: Logger = Logger(label: "anpei.db"), observer: PGStatementObserver? = nil) {
        precondition(size > 0)
        self.conninfo = conninfo
        self.observer = observer
        self.size = size
        self.logger = logger
        self.threads = NIOThreadPool(numberOfThreads: size)
        self.threads.start()
        self.permits = AsyncSemaphore(permits: size)
    }

    /// Closes idle connections and stops the threads. Call once, after the
    /// last use (the HTTP server has drained).
    public func shutdown() async {
        // Dropping the idle connections closes them (PQfinish in deinit).
        idle.withLockedValue { $0.removeAll() }
        try? await threads.shutdownGracefully()
    }

    /// Runs `body` with a leased connection on a database thread, in
    /// autocommit mode. Meant for reads: on a broken connection the body is
    /// run again on a new one. Writes belong in `transaction`, whose retry is
    /// safe because an interrupted transaction never committed.
    @discardableResult
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        do {
            return try await runOnce(body)
        } catch let error as StoreError where error.isConnectionFailure {
            // A stale connection from before a server restart fails on first
            // use; one retry on a freshly opened connection hides that.
            logger.warning("database connection lost; retrying on a new connection", metadata: ["error": "\(error)"])
            return try await runOnce(body)
        }
    }

    /// Runs `body` inside a transaction: COMMIT when it returns, ROLLBACK when
    /// it throws. Serialization failures and deadlocks are retried up to
    /// `maxAttempts` times; a broken connection before COMMIT is retried once.
    @discardableResult
    public func transaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 3,
        _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await withConnection { conn in
                    try Self.runTransaction(conn, isolation: isolation, body)
                }
            } catch let error as StoreError where error.isRetryableSerialization {
                if attempt >= maxAttempts { throw StoreError.serializationFailure }
                // Back off a little, growing with each attempt, so two
                // colliding transactions do not collide again at once.
                try? await Task.sleep(for: .milliseconds(5 * attempt * attempt + Int.random(in: 0...10)))
            }
        }
    }

    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    public static func runTransaction<T>(
        _ conn: PGConnection, isolation: IsolationLevel, _ body: (PGConnection) throws -> T
    ) throws -> T {
        try conn.execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        let value: T
        do {
            value = try body(conn)
        } catch {
            if conn.isUsable { try? conn.execute("ROLLBACK") }
            throw error
        }
        do {
            try conn.execute("COMMIT")
        } catch let error as StoreError where error.isConnectionFailure {
            // The outcome of a COMMIT whose connection broke is unknown; never
            // retry it (it may have been applied).
            throw StoreError.server(sqlstate: "08007", message: "connection lost during COMMIT: \(error)")
        }
        return value
    }

    private func runOnce<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        await permits.acquire()
        defer { permits.release() }
        let idle = self.idle
        let conninfo = self.conninfo
        let observer = self.observer
        return try await threads.runIfActive {
            let conn: PGConnection
            if let reused = idle.withLockedValue({ $0.popLast() }), reused.isUsable {
                conn = reused
            } else {
                conn = try PGConnection(conninfo: conninfo)
                conn.observer = observer
            }
            do {
                let value = try body(conn)
                Self.giveBack(conn, to: idle)
                return value
            } catch {
                Self.giveBack(conn, to: idle)
                throw error
            }
        }
    }

    private static func giveBack(_ conn: PGConnection, to idle: NIOLockedValueBox<[PGConnection]>) {
        if conn.isUsable {
            idle.withLockedValue { $0.append(conn) }
        } else {
            // This one broke: the others were opened against the same server
            // and are likely stale too; drop them and reconnect lazily.
            idle.withLockedValue { $0.removeAll() }
        }
    }

    /// Number of idle connections (for tests and metrics).
    public var idleCount: Int { idle.withLockedValue { $0.count } }
}
