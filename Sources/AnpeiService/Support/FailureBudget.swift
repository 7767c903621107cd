import Foundation
import NIOConcurrencyHelpers

/// A token bucket of allowed failures per key (a user), in memory: `capacity`
/// at once, refilled at `perHour`. Spent on refusals that would otherwise let a
/// caller probe for facts one guess at a time (issue 9 §1).
public final class FailureBudget: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    let capacity: Double
    let perSecond: Double

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

    /// nil while failures are still allowed, else seconds until one is.
    public func exhausted(_ key: String, now: Date) -> Int? {
        let t = now.timeIntervalSince1970
        return buckets.withLockedValue { all in
            let b = refreshed(all[key], now: t)
            all[key] = b
            return b.tokens >= 1 ? nil : Int(((1 - b.tokens) / perSecond).rounded(.up))
        }
    }

    public func spend(_ key: String, now: Date) {
        let t = now.timeIntervalSince1970
        buckets.withLockedValue { all in
            if all.count > 100_000 { all.removeAll() }
            var b = refreshed(all[key], now: t)
            b.tokens = max(0, b.tokens - 1)
            all[key] = b
        }
    }
}
