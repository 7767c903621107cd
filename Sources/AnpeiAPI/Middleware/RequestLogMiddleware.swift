import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Puts the request id in every response (`X-Request-Id`) and writes one log
/// line per request. It logs method, path, status and duration only: never
/// headers, query strings or bodies, which may hold passwords or tokens.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AnpeiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "path": "\(request.uri.path)",
                "status": "\(response.status.code)",
                "duration_ms": "\((ms * 10).rounded() / 10)",
            ])
        return response
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
}
