import AnpeiService
import AnpeiWire
import Hummingbird

/// Resolves `Authorization: Bearer …` to a principal through the service
/// layer. Routes behind it answer 401 problem+json without a valid token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AnpeiRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization] else { throw ServiceError.unauthenticated }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw ServiceError.unauthenticated }
        var context = context
        context.principal = try await auth.authenticate(token: String(parts[1]).trimmingCharacters(in: .whitespaces))
        context.logger[metadataKey: "user"] = "\(context.principal!.username)"
        return try await next(request, context)
    }
}
