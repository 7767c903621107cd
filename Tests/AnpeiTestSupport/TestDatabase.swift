import AnpeiService
import AnpeiStore
import Foundation
import NIOConcurrencyHelpers

/// A fresh database per test, cloned from a template that is migrated once
/// per test run. The cluster comes from `ANPEI_TEST_DATABASE_URL`, which
/// `scripts/test.sh` sets after starting a throwaway PostgreSQL; without it
/// the database tests fail (they never pass vacuously).
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "ANPEI_TEST_DATABASE_URL is not set: run the suite with scripts/test.sh, which starts a PostgreSQL for it"
        }
    }

    /// The admin URL (database `postgres` of the test cluster).
    public static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ANPEI_TEST_DATABASE_URL"], !url.isEmpty else {
            throw Missing()
        }
        return url
    }

    /// The same cluster, another database.
    public static func url(database: String) throws -> String {
        guard var components = URLComponents(string: try adminURL()) else { throw Missing() }
        components.path = "/" + database
        return components.string!
    }

    /// The repository's `db/migrations`, found from this file's location.
    public static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("db/migrations")
    }

    private static let template = NIOLockedValueBox<String?>(nil)
    private static let lock = NIOLock()

    /// Creates an empty database (no migrations) and returns its URL.
    public static func createEmpty() throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PGConnection(conninfo: try adminURL())
        // Identifiers cannot be bound as parameters; `name` is generated above.
        try admin.execute("CREATE DATABASE \(name)")
        return try url(database: name)
    }

    /// Creates a migrated database and returns its URL.
    public static func create() throws -> String {
        try lock.withLock {
            let templateName = try ensureTemplate()
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try PGConnection(conninfo: try adminURL())
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(templateName)")
            return try url(database: name)
        }
    }

    private static func ensureTemplate() throws -> String {
        if let name = template.withLockedValue({ $0 }) { return name }
        let name = "anpei_template_\(getpid())"
        let admin = try PGConnection(conninfo: try adminURL())
        try admin.execute("DROP DATABASE IF EXISTS \(name)")
        try admin.execute("CREATE DATABASE \(name)")
        do {
            let conn = try PGConnection(conninfo: try url(database: name))
            _ = try Migrator(migrations: try Migration.load(from: migrationsDirectory)).migrate(conn)
            _ = try DivisionLoader(conn).load(
                directory: DivisionLoader.directory(besideMigrations: migrationsDirectory),
                actor: nil)
        }  // the connection closes here: a template must have no sessions
        template.withLockedValue { $0 = name }
        return name
    }

    /// A pool on a fresh migrated database.
    public static func pool(size: Int = 4) throws -> PGPool {
        PGPool(conninfo: try create(), size: size)
    }

    /// Services on a fresh migrated database, with an adjustable clock.
    public static func services(clock: TestClock = TestClock(), configure: (inout ServiceConfig) -> Void = { _ in })
        throws -> Services
    {
        var config = ServiceConfig(now: { clock.now })
        configure(&config)
        return try Services(pool: try pool(), config: config)
    }
}

/// A clock tests can move forward.
public final class TestClock: Sendable {
    private let box: NIOLockedValueBox<Date>
    public init(_ start: Date = Date()) { box = NIOLockedValueBox(start) }
    public var now: Date { box.withLockedValue { $0 } }
    public func advance(by seconds: TimeInterval) { box.withLockedValue { $0 += seconds } }
}
