import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/auth/*` and `/v1/me`: each handler decodes, calls one service
/// method, encodes.
struct AuthRoutes {
    let services: Services
    /// Login attempts per client address (issue 9 §4): a burst of 20, then 20 a minute.
    let limiter: TokenBuckets

    func addPublic(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("auth/login") { request, context -> EditedResponse<LoginResponse> in
            if let wait = limiter.take("login:" + (context.clientAddress ?? "unknown")) { throw ServiceError.rateLimited(retryAfter: wait) }
            let body = try await request.json(LoginRequest.self, context: context)
            let client = request.headers[.userAgent].map { String($0.prefix(200)) }
            let result = try await services.auth.login(
                username: body.username, password: body.password, requestID: context.id, client: client,
                address: context.clientAddress)
            return EditedResponse(
                status: .ok, headers: [.cacheControl: "no-store"],
                response: LoginResponse(token: result.token, tokenType: "Bearer", expiresAt: result.expiresAt, user: result.user))
        }
    }

    func addAuthenticated(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("auth/logout") { _, context -> HTTPResponse.Status in
            try await services.auth.logout(try context.call())
            return .noContent
        }
        group.get("me") { _, context -> User in
            try await services.auth.me(try context.call())
        }
        group.put("me/password") { request, context -> HTTPResponse.Status in
            let body = try await request.json(PasswordChange.self, context: context)
            try await services.auth.changePassword(try context.call(), current: body.currentPassword, new: body.newPassword)
            return .noContent
        }
    }
}

