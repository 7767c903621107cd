import AnpeiAPI
import AnpeiTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTTP: authentication, problems, request ids")
struct AuthRoutesTests {
    @Test("login, /v1/me with the token; without it a 401 problem+json")
    func loginAndMe() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let token = try await login(client, "admin", "admin-password-1")
            try await client.execute(uri: "/v1/me", method: .get, headers: bearer(token)) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["username"] as? String == "admin")
                #expect(response.body.json["password_hash"] == nil && response.body.json["passwordHash"] == nil)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
            }
            try await client.execute(uri: "/v1/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                let body = response.body.json
                #expect(body["code"] as? String == "unauthenticated")
                #expect(body["status"] as? Int == 401)
                #expect((body["detail"] as? String)?.contains("登录") == true)
                #expect(body["requestId"] as? String == response.headers[HTTPField.Name("X-Request-Id")!])
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: [.acceptLanguage: "en", .authorization: "Bearer anp_nope"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.json["detail"] as? String == "not signed in or the session has expired")
            }
        }
    }

    @Test("five bad passwords lock the account; the answer never differs from an unknown user's")
    func lockout() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            func attempt(_ user: String, _ password: String) async throws -> (HTTPResponse.Status, String?) {
                try await client.execute(
                    uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: jsonBody(["username": user, "password": password])
                ) { ($0.status, $0.body.json["detail"] as? String) }
            }
            let unknown = try await attempt("nobody", "whatever-password")
            for _ in 1...5 {
                let wrong = try await attempt("admin", "wrong-password-1")
                #expect(wrong.0 == .unauthorized && wrong.1 == unknown.1)
            }
            let locked = try await attempt("admin", "admin-password-1")
            #expect(locked.0 == .unauthorized && locked.1 == unknown.1)
        }
    }

    @Test("logout revokes the token; a password change revokes all tokens")
    func revocation() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let a = try await login(client, "admin", "admin-password-1")
            let b = try await login(client, "admin", "admin-password-1")
            let c = try await login(client, "admin", "admin-password-1")
            try await client.execute(uri: "/v1/auth/logout", method: .post, headers: bearer(a)) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/me", method: .get, headers: bearer(a)) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/me", method: .get, headers: bearer(b)) { #expect($0.status == .ok) }

            try await client.execute(
                uri: "/v1/me/password", method: .put, headers: bearer(b),
                body: jsonBody(["currentPassword": "admin-password-1", "newPassword": "admin"])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let errors = response.body.json["errors"] as? [[String: Any]] ?? []
                #expect(Set(errors.compactMap { $0["code"] as? String }) == ["password_too_short", "password_equals_username"])
                #expect(errors.allSatisfy { $0["field"] as? String == "newPassword" })
            }
            try await client.execute(
                uri: "/v1/me/password", method: .put, headers: bearer(b),
                body: jsonBody(["currentPassword": "admin-password-1", "newPassword": "new-admin-password-2"])
            ) { #expect($0.status == .noContent) }
            for token in [b, c] {
                try await client.execute(uri: "/v1/me", method: .get, headers: bearer(token)) { #expect($0.status == .unauthorized) }
            }
            _ = try await login(client, "admin", "new-admin-password-2")
        }
    }

    @Test("malformed and oversized bodies are clear 4xx problems")
    func badBodies() async throws {
        let app = try TestApp()
        try await app.test { client in
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{not json")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.json["code"] as? String == "malformed_body")
            }
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody(["username": "admin"])
            ) { response in
                #expect(response.status == .badRequest)
                #expect((response.body.json["detail"] as? String)?.contains("password") == true)
            }
            let huge = String(repeating: "x", count: 100 * 1024)
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody(["username": huge, "password": huge])
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.body.json["code"] as? String == "body_too_large")
            }
            try await client.execute(uri: "/v1/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.body.json["code"] as? String == "route_not_found")
            }
        }
    }

    @Test("health, readiness and the OpenAPI document")
    func health() async throws {
        let app = try TestApp()
        try await app.test { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["status"] as? String == "ready")
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }

    @Test("readiness fails with 503 when the database is unreachable")
    func notReady() async throws {
        let services = try AnpeiService.Services(
            pool: AnpeiStore.PGPool(conninfo: "postgresql://anpei@127.0.0.1:1/none?connect_timeout=2", size: 1))
        let app = buildApplication(services: services, config: APIConfig(), logger: LogCapture().logger())
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.body.json["code"] as? String == "service_unavailable")
                #expect(!String(buffer: response.body).contains("127.0.0.1"))
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("logs carry the request id and never a password or token")
    func logsHaveNoSecrets() async throws {
        let app = try TestApp()
        try await app.seedAdmin(password: "very-secret-password-7")
        let token = try await app.test { client in
            let token = try await login(client, "admin", "very-secret-password-7")
            try await client.execute(uri: "/v1/me", method: .get, headers: bearer(token)) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody(["username": "admin", "password": "another-secret-guess"])
            ) { #expect($0.status == .unauthorized) }
            return token
        }
        let logs = app.logs.all
        #expect(logs.contains("\"path\":\"/v1/me\""))
        #expect(logs.contains("hb.request.id"))
        #expect(!logs.contains("very-secret-password-7"))
        #expect(!logs.contains("another-secret-guess"))
        #expect(!logs.contains(token))
        #expect(!logs.contains(String(token.dropFirst(4).prefix(20))))
    }
}

import AnpeiService
import AnpeiStore
