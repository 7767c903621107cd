import AnpeiDomain
import NIOConcurrencyHelpers

/// Bounds concurrent imports (issue 9 §2): at most `perTenant` at once for one
/// tenant (an enterprise, institution, region or the operator) and `total` on
/// the server. Beyond that the caller gets 429 with Retry-After rather than a
/// queue that would hold their files in memory.
public final class ImportGate: Sendable {
    let perTenant: Int
    let total: Int
    private let running = NIOLockedValueBox<[String: Int]>([:])

    public init(perTenant: Int = 1, total: Int = 2) {
        self.perTenant = perTenant
        self.total = total
    }

    static func tenant(_ scope: Scope, username: String) -> String {
        switch scope {
        case .all: "all:" + username
        case .region(let code): "region:\(code)"
        case .institution(let id): "institution:\(id)"
        case .enterprise(let id): "enterprise:\(id)"
        case .person(let id): "person:\(id)"
        }
    }

    /// Runs `body` holding a slot, or throws `.busy`.
    public func run<T>(_ call: CallContext, _ body: () async throws -> T) async throws -> T {
        let key = Self.tenant(call.principal.scope, username: call.principal.username)
        let admitted = running.withLockedValue { r -> Bool in
            let sum = r.values.reduce(0, +)
            guard sum < total, r[key, default: 0] < perTenant else { return false }
            r[key, default: 0] += 1
            return true
        }
        guard admitted else { throw ServiceError.busy(retryAfter: 30) }
        defer {
            running.withLockedValue { r in
                r[key, default: 1] -= 1
                if r[key] == 0 { r[key] = nil }
            }
        }
        return try await body()
    }
}
