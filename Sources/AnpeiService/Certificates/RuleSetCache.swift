import AnpeiDomain
import AnpeiStore
import Foundation

/// The certificate rule sets, read once and kept for a minute. Every status
/// answer needs them and they change perhaps once in years, so reading them on
/// each work check would double that lookup's database work. A rule set added
/// through the service is seen at once (it invalidates the cache); one added
/// by SQL, or by another process, within `ttl`.
final class RuleSetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sets: [CertificateRuleSet] = []
    private var loadedAt: ContinuousClock.Instant?
    let ttl: Duration

    init(ttl: Duration = .seconds(60)) { self.ttl = ttl }

    /// The cached sets, or a fresh read through `conn` when stale.
    func get(_ conn: PGConnection) throws -> [CertificateRuleSet] {
        let now = ContinuousClock.now
        if let cached = lock.withLock({ loadedAt.map { now - $0 < ttl } == true ? sets : nil }) { return cached }
        let fresh = try CertificateRepository(conn).ruleSets()
        lock.withLock {
            sets = fresh
            loadedAt = now
        }
        return fresh
    }

    func invalidate() { lock.withLock { loadedAt = nil } }
}
