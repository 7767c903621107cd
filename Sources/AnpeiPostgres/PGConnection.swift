import CLibPQ
import Foundation

public typealias PGStatementObserver = @Sendable (_ sql: String, _ parameters: [String?]) -> Void

/// One libpq connection. Every call blocks the calling thread, so a
/// connection is only ever used from the database thread pool, by one lease
/// holder at a time (`PGPool` guarantees this; hence `@unchecked Sendable`).
public final class PGConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Set once a call has seen the connection break; the pool then discards it.
    public private(set) var isBroken = false
    /// Statements this connection has prepared, by SQL text. Every statement in
    /// the code is a fixed string (values always travel as parameters), so the
    /// set is small and bounded; preparing once saves the server a parse and
    /// plan on each later call, which dominates short lookups.
    private var prepared: [String: String] = [:]
    static let maxPrepared = 1000
    /// Sees every statement with its parameters; for `anpei bench`, which
    /// replays exactly what an endpoint runs in pgbench. Nil in the server.
    public var observer: PGStatementObserver?

    /// Connects using a libpq connection string or URI. An empty string lets
    /// libpq use PGHOST, PGPORT, PGUSER, PGDATABASE, ~/.pgpass, service files.
    /// `connect_timeout` defaults to 5 s unless the connection string sets it.
    public init(conninfo: String, applicationName: String = "anpei") throws {
        // Keys before "dbname" are defaults the expanded conninfo overrides.
        let keys = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = ["5", applicationName, "UTF8", conninfo]
        let conn: OpaquePointer? = withCStrings(keys) { k in
            withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw StoreError.connection(message: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw StoreError.connection(message: message)
        }
        self.handle = conn
        // Fixed session settings so that text values decode the same way
        // whatever the server's defaults are.
        try execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'iso_8601'")
    }

    deinit { PQfinish(handle) }

    /// True when libpq still considers the connection usable.
    public var isUsable: Bool { !isBroken && PQstatus(handle) == CONNECTION_OK }

    /// Runs one statement with bound parameters (never interpolated).
    @discardableResult
    ///
    /// `prepared: false` plans the statement afresh for its values every time:
    /// for reports whose best plan depends on the values so much that a cached
    /// generic plan can be catastrophically wrong (a nested loop over two large
    /// sets), where planning time is negligible next to execution.
    public func query(_ sql: String, _ params: [any PGBindable], prepared: Bool = true) throws -> PGResult {
        let texts = params.map(\.pgText)
        observer?(sql, texts)
        guard prepared, let name = try statementName(sql, parameterCount: texts.count) else {
            // Not to be cached, or past the cap: an unnamed statement, parsed and planned each time.
            let result: OpaquePointer? = sql.withCString { cSQL in
                withOptionalCStrings(texts) { values in
                    PQexecParams(handle, cSQL, Int32(texts.count), nil, values, nil, nil, 0)
                }
            }
            return try check(result)
        }
        let result: OpaquePointer? = withOptionalCStrings(texts) { values in
            PQexecPrepared(handle, name, Int32(texts.count), values, nil, nil, 0)
        }
        return try check(result)
    }

    /// The name of `sql` prepared on this connection, preparing it on first use;
    /// nil once the cap is reached. Parameter types are inferred by the server
    /// exactly as for an unnamed statement.
    private func statementName(_ sql: String, parameterCount: Int) throws -> String? {
        if let name = prepared[sql] { return name }
        guard prepared.count < Self.maxPrepared else { return nil }
        let name = "anpei_\(prepared.count + 1)"
        _ = try check(PQprepare(handle, name, sql, Int32(parameterCount), nil))
        prepared[sql] = name
        return name
    }

    /// Runs SQL text without parameters, possibly several statements; for
    /// migrations and fixed session commands only, never for user input.
    public func execute(_ sql: String) throws {
        let result = PQexec(handle, sql)
        _ = try check(result)
    }

    /// Streams rows into `COPY ... FROM STDIN`: `produce` is given a writer
    /// and calls it with chunks of COPY text as often as it likes. If
    /// `produce` throws, the COPY is aborted and nothing is loaded.
    /// Returns the number of rows the server reports as copied.
    @discardableResult
    public func copyIn(_ sql: String, produce: (_ write: (String) throws -> Void) throws -> Void) throws -> Int {
        let start = PQexec(handle, sql)
        guard let start else { throw connectionError() }
        let status = PQresultStatus(start)
        guard status == PGRES_COPY_IN else {
            _ = try check(start)
            throw StoreError.usage("statement is not COPY FROM STDIN")
        }
        PQclear(start)
        var failure: (any Error)?
        do {
            try produce { chunk in
                var bytes = Array(chunk.utf8)
                let rc = bytes.withUnsafeMutableBufferPointer { buf in
                    buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        PQputCopyData(handle, $0, Int32(buf.count))
                    }
                }
                if rc != 1 { throw connectionError() }
            }
        } catch {
            failure = error
        }
        let endRC = failure == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "aborted by client")
        if endRC != 1 { throw connectionError() }
        var copied = 0
        var firstError: (any Error)?
        while let r = PQgetResult(handle) {
            do {
                let res = try check(r)
                copied += Int(res.commandTuples)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let failure { throw failure }
        if let firstError { throw firstError }
        return copied
    }

    private func check(_ result: OpaquePointer?) throws -> PGResult {
        guard let result else { throw connectionError() }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return PGResult(result)
        default:
            let error = Self.error(from: result)
            PQclear(result)
            if PQstatus(handle) != CONNECTION_OK { isBroken = true }
            if case .connection = error { isBroken = true }
            throw error
        }
    }

    private func connectionError() -> StoreError {
        isBroken = PQstatus(handle) != CONNECTION_OK || isBroken
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        return .connection(message: message.isEmpty ? "connection lost" : message)
    }

    private static func error(from result: OpaquePointer) -> StoreError {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        let message = field(Int32(UInt8(ascii: "M"))) ?? String(cString: PQresultErrorMessage(result))
        guard let sqlstate = field(Int32(UInt8(ascii: "C"))) else {
            // No SQLSTATE: libpq itself failed, which means the connection is gone.
            return .connection(message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return StoreError.from(
            sqlstate: sqlstate, message: message,
            constraint: field(Int32(UInt8(ascii: "n"))), detail: field(Int32(UInt8(ascii: "D"))))
    }
}

private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}

private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}

extension PGConnection {
    /// `sql` with each parameter reference `$n` replaced by `replacement(n)`:
    /// for replaying a recorded statement outside anpei (pgbench). Never used
    /// to run anything.
    public static func rewritingParameters(_ sql: String, _ replacement: (Int) -> String) -> String {
        var out = ""
        var i = sql.startIndex
        while i < sql.endIndex {
            let next = sql.index(after: i)
            if sql[i] == "$" {
                let end = sql[next...].firstIndex(where: { !$0.isASCII || !$0.isNumber }) ?? sql.endIndex
                if end > next, let n = Int(sql[next..<end]) {
                    out += replacement(n)
                    i = end
                    continue
                }
            }
            out.append(sql[i])
            i = next
        }
        return out
    }
}
