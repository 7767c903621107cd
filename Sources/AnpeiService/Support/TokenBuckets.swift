import Foundation
import NIOConcurrencyHelpers

/// A token bucket per key (a client address, a user), in memory, per process:
/// `capacity` at once, refilled at a steady rate. One type for every limit:
/// public lookups and logins per address (API), refused registrations per user
/// (issue 9 §1, §4). The table is cleared past 100,000 keys, so a flood of
/// addresses cannot grow it without bound.
public final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    let capacity: Double
    let perSecond: Double

    public init(capacity: Int, perMinute: Int) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
    }

    public init(capacity: Int, perHour: Int) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perHour) / 3600
    }

    private func refreshed(_ b: Bucket?, now: Double) -> Bucket {
        guard var b else { return Bucket(tokens: capacity, updated: now) }
        b.tokens = min(capacity, b.tokens + max(0, now - b.updated) * perSecond)
        b.updated = now
        return b
    }

    private func wait(_ b: Bucket) -> Int { Int(((1 - b.tokens) / perSecond).rounded(.up)) }

    /// Takes a token for `key`: nil when allowed, else seconds to wait.
    public func take(_ key: String, now: Date = Date()) -> Int? {
        buckets.withLockedValue { all in
            if all.count > 100_000 { all.removeAll() }
            var b = refreshed(all[key], now: now.timeIntervalSince1970)
            defer { all[key] = b }
            guard b.tokens >= 1 else { return wait(b) }
            b.tokens -= 1
            return nil
        }
    }

    /// Whether `key` has no token left (without taking one): seconds to wait, or nil.
    public func exhausted(_ key: String, now: Date) -> Int? {
        buckets.withLockedValue { all in
            let b = refreshed(all[key], now: now.timeIntervalSince1970)
            all[key] = b
            return b.tokens >= 1 ? nil : wait(b)
        }
    }

    /// Takes a token if there is one (a refusal that counts against the key).
    public func spend(_ key: String, now: Date) {
        _ = take(key, now: now)
    }
}
