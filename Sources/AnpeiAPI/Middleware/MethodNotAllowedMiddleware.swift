import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// Hummingbird answers 404 for a known path with an unsupported method (TRACE,
/// DELETE on a list…). HTTP and our OpenAPI document say 405 with `Allow`
/// (issue 9, "the contract"). The route table is filled in after every route
/// is registered, since this middleware is added first.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AnpeiRequestContext

    /// Path patterns ("v1/enterprises/{id}") split into segments, with their methods.
    final class RouteTable: Sendable {
        private let routes = NIOLockedValueBox<[(segments: [Substring?], methods: Set<String>)]>([])

        func fill(_ all: [(path: String, method: HTTPRequest.Method)]) {
            var byPath: [String: Set<String>] = [:]
            for r in all { byPath[r.path, default: []].insert(r.method.rawValue) }
            let table = byPath.map { path, methods -> ([Substring?], Set<String>) in
                var m = methods
                if m.contains("GET") { m.insert("HEAD") }
                let segs = path.split(separator: "/").map { s -> Substring? in
                    s.hasPrefix("{") || s.hasPrefix(":") || s == "*" ? nil : s
                }
                return (segs, m)
            }
            routes.withLockedValue { $0 = table }
        }

        func allowed(for path: String) -> Set<String> {
            let parts = path.split(separator: "/")
            // Only the most specific patterns count: `waves/plans` is not `waves/{id}`.
            return routes.withLockedValue { table in
                var out = Set<String>()
                var best = -1
                for r in table where r.segments.count == parts.count {
                    guard zip(r.segments, parts).allSatisfy({ $0 == nil || $0 == $1 }) else { continue }
                    let literals = r.segments.filter { $0 != nil }.count
                    if literals > best { best = literals; out = r.methods } else if literals == best { out.formUnion(r.methods) }
                }
                return out
            }
        }
    }

    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = table.allowed(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            throw HTTPError(.methodNotAllowed, headers: [.allow: allowed.sorted().joined(separator: ", ")])
        }
    }
}
