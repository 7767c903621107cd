import AnpeiDomain
import AnpeiService
import Foundation
import Hummingbird

/// `/v1/users`: account administration (administrators only; the service
/// layer checks).
struct UserRoutes {
    let services: Services

    struct PasswordReset: Decodable {
        let newPassword: String
    }

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("users") { request, context -> Page<UserView> in
            let q = request.uri.queryParameters
            var errors: [FieldError] = []
            let role = try Self.parse(q.get("role"), field: "role", into: &errors) { Role(rawValue: $0) }
            let disabled = try Self.parse(q.get("disabled"), field: "disabled", into: &errors) { Bool($0) }
            let limit = try Self.parse(q.get("limit"), field: "limit", into: &errors) { Int($0) } ?? 50
            let offset = try Self.parse(q.get("offset"), field: "offset", into: &errors) { Int($0) } ?? 0
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            return try await services.users.list(
                try context.call(), role: role, disabled: disabled, search: q.get("q"), limit: limit, offset: offset)
        }
        group.post("users") { request, context -> EditedResponse<UserView> in
            let input = try await request.json(UserService.CreateInput.self, context: context)
            let user = try await services.users.create(try context.call(), input)
            return EditedResponse(
                status: .created, headers: [.location: "/v1/users/\(user.id)"], response: user)
        }
        group.get("users/{id}") { _, context -> UserView in
            try await services.users.get(try context.call(), id: try Self.userID(context))
        }
        group.patch("users/{id}") { request, context -> UserView in
            let input = try await request.json(UserService.UpdateInput.self, context: context)
            return try await services.users.update(try context.call(), id: try Self.userID(context), input)
        }
        group.put("users/{id}/password") { request, context -> HTTPResponse.Status in
            let body = try await request.json(PasswordReset.self, context: context)
            try await services.users.resetPassword(try context.call(), id: try Self.userID(context), newPassword: body.newPassword)
            return .noContent
        }
    }

    /// A malformed id is simply an id that does not exist.
    static func userID(_ context: AnpeiRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw ServiceError.notFound(entity: "user") }
        return id
    }

    static func parse<T>(
        _ raw: String?, field: String, into errors: inout [FieldError], _ convert: (String) -> T?
    ) throws -> T? {
        guard let raw, !raw.isEmpty else { return nil }
        if let value = convert(raw) { return value }
        errors.append(FieldError(
            field: field, code: "invalid_value",
            message: LocalizedText(zh: "参数“\(field)”的值无效", en: "invalid value for \(field)")))
        return nil
    }
}
