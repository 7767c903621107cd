import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation
import Logging

/// `anpei bench …`: helpers for the scripts in bench/, not for daily use.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "基准测试辅助 / helpers for bench/ scripts",
        subcommands: [WorkCheckSQL.self, ExamSQL.self])

    /// Prints, as a pgbench script (parameters as `:variables`, their values
    /// written to --defines), the statements GET /v1/work-check runs for
    /// one request once warm (token lookup and the check itself), recorded
    /// from the same service calls the route makes, values written in. The
    /// benchmark then compares the endpoint with the database alone doing
    /// exactly the same work.
    struct WorkCheckSQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "work-check-sql", abstract: "GET /v1/work-check 执行的 SQL（pgbench 脚本）/ the work check's SQL as a pgbench script")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "bearer token") var token: String
        @Option(help: "person id") var person: String
        @Option(help: "operation item code") var item: String
        @Option(name: .customLong("defines"), help: "file to write the parameter values to, one NAME=VALUE per line (pgbench -D)")
        var definesFile: String

        func run() async throws {
            guard let personID = UUID(uuidString: person) else { throw ValidationError("--person: not a UUID") }
            let seen = Recorded()
            var logger = Logger(label: "anpei")
            logger.logLevel = .error
            let services = try ServerSide.services(db, logger: logger, observer: { sql, params in
                seen.add(sql, params)
            })
            for round in 0..<2 {
                // The first round warms caches (rule sets); the second is what a
                // steady stream of requests runs.
                if round == 1 { seen.clear() }
                let principal = try await services.auth.authenticate(token: token)
                _ = try await services.certificates.workCheck(
                    CallContext(principal: principal, requestID: "bench"), personID: personID, itemCode: item)
            }
            // Parameters stay parameters (pgbench -M prepared binds `:name`
            // variables the way anpei binds $n); NULLs, which -D cannot carry,
            // are written in.
            var defines: [String] = []
            for (k, (sql, params)) in seen.all.enumerated() {
                let script = PGConnection.rewritingParameters(sql) { n in
                    guard n <= params.count, let value = params[n - 1] else { return "NULL" }
                    defines.append("s\(k + 1)p\(n)=\(value)")
                    return ":s\(k + 1)p\(n)"
                }
                print(script.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") + ";")
            }
            try Set(defines).sorted().joined(separator: "\n").appending("\n").write(toFile: definesFile, atomically: true, encoding: .utf8)
            await services.shutdown()
        }
    }
}

/// Statements seen by the pool's connections (database threads add, the
/// command reads after the calls returned).
final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, [String?])] = []
    func add(_ sql: String, _ params: [String?]) { lock.withLock { items.append((sql, params)) } }
    func clear() { lock.withLock { items.removeAll() } }
    var all: [(String, [String?])] { lock.withLock { items } }
}
