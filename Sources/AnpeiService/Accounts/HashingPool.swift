import NIOPosix

/// Runs argon2 on its own threads: hashing deliberately costs tens of
/// milliseconds of CPU and must not stall the HTTP event loops or the
/// database threads.
public final class HashingPool: Sendable {
    let hasher: PasswordHasher
    private let threads: NIOThreadPool

    public init(hasher: PasswordHasher, threads: Int = 2) {
        self.hasher = hasher
        self.threads = NIOThreadPool(numberOfThreads: threads)
        self.threads.start()
    }

    public func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await threads.runIfActive { try hasher.hash(password) }
    }

    public func verify(_ password: String, against encoded: String) async throws -> Bool {
        let hasher = self.hasher
        return try await threads.runIfActive { hasher.verify(password, against: encoded) }
    }

    public func needsRehash(_ encoded: String) -> Bool { hasher.needsRehash(encoded) }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }
}
