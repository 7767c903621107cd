import Foundation
import NIOConcurrencyHelpers

/// A token bucket per client address: `capacity` requests at once, refilled
/// at `perMinute`. In memory, per process; enough for one server.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    let capacity: Double
    let perSecond: Double

    public init(capacity: Int = 20, perMinute: Int = 20) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
    }

    /// Takes a token for `key`; returns nil when allowed, else seconds to wait.
    public func take(_ key: String, now: Double = Date().timeIntervalSince1970) -> Int? {
        buckets.withLockedValue { all in
            if all.count > 100_000 { all.removeAll() }  // bounded memory under a flood of addresses
            var b = all[key] ?? Bucket(tokens: capacity, updated: now)
            b.tokens = min(capacity, b.tokens + (now - b.updated) * perSecond)
            b.updated = now
            defer { all[key] = b }
            if b.tokens >= 1 {
                b.tokens -= 1
                return nil
            }
            return Int(((1 - b.tokens) / perSecond).rounded(.up))
        }
    }
}
