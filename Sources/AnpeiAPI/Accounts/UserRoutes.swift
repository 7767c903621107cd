import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/users`: account administration (administrators only; the service
/// layer checks).
struct UserRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("users") { request, context -> Page<User> in
            var q = QueryReader(request)
            let role = q.parsed("role") { Role(rawValue: $0) }
            let disabled = q.bool("disabled")
            let search = q.string("q")
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            return try await services.users.list(
                try context.call(), role: role, disabled: disabled, search: search, limit: limit, offset: offset)
        }
        group.post("users") { request, context -> EditedResponse<User> in
            let input = try await request.json(UserCreate.self, context: context)
            let user = try await services.users.create(try context.call(), input)
            return EditedResponse(
                status: .created, headers: [.location: "/v1/users/\(user.id)"], response: user)
        }
        group.get("users/{id}") { _, context -> User in
            try await services.users.get(try context.call(), id: try Self.userID(context))
        }
        group.patch("users/{id}") { request, context -> User in
            let input = try await request.json(UserUpdate.self, context: context)
            return try await services.users.update(try context.call(), id: try Self.userID(context), input)
        }
        group.put("users/{id}/password") { request, context -> HTTPResponse.Status in
            let body = try await request.json(PasswordReset.self, context: context)
            try await services.users.resetPassword(
                try context.call(), id: try Self.userID(context), newPassword: body.newPassword, currentPassword: body.currentPassword)
            return .noContent
        }
    }

    /// A malformed id is simply an id that does not exist.
    static func userID(_ context: AnpeiRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw ServiceError.notFound(entity: "user") }
        return id
    }
}
