import Foundation
import NIOCore

/// Timeouts and the connection cap of the HTTP server (issue 9 §3). Without
/// them a client that sends part of a request, or keeps sending after a 413,
/// holds its socket forever, and some thousands of those starve `/healthz`.
public struct ConnectionLimits: Sendable, Equatable {
    /// A keep-alive connection with no request in progress is closed after this.
    public var idleTimeout: TimeAmount
    /// Once the first byte of a request arrives, its head must be complete within this.
    public var headerTimeout: TimeAmount
    /// While a request body is being received, a gap longer than this closes the connection.
    public var readTimeout: TimeAmount
    /// Connections beyond this are closed as soon as they are accepted.
    public var maxConnections: Int

    public init(
        idleTimeout: TimeAmount = .seconds(60), headerTimeout: TimeAmount = .seconds(10),
        readTimeout: TimeAmount = .seconds(30), maxConnections: Int = ConnectionLimits.defaultMaxConnections
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.readTimeout = readTimeout
        self.maxConnections = maxConnections
    }

    /// 4,096, or fewer when the process may not open that many files: leave
    /// room for the database pool, logs and imports, so that accepting never
    /// fails with EMFILE (which stalls the accept loop for everyone).
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1_024 }
        let files = Int(clamping: limit.rlim_cur)
        return max(16, min(4_096, files - 128))
    }

    /// Raises the soft open-files limit to the hard limit, as servers do at start.
    public static func raiseOpenFilesLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
