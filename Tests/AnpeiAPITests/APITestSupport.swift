import AnpeiAPI
import AnpeiService
import AnpeiTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers

/// Collects log lines so tests can check what the server writes.
final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var all: String { lines.withLockedValue { $0.joined(separator: "\n") } }
    func logger() -> Logger {
        var logger = Logger(label: "anpei-test") { label in
            JSONLogHandler(label: label, level: .trace) { [self] line in self.lines.withLockedValue { $0.append(line) } }
        }
        logger.logLevel = .trace
        return logger
    }
}

struct TestApp {
    let services: Services
    let logs = LogCapture()

    init(configure: (inout ServiceConfig) -> Void = { _ in }) throws {
        services = try TestDatabase.services(configure: configure)
    }

    /// Runs the real router (all middleware) against the test database; with
    /// `.live`, the real server on a free port (timeouts, connection limits).
    func test<T>(
        _ mode: TestingSetup = .router, config: APIConfig = APIConfig(host: "127.0.0.1", port: 0),
        _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let app = buildApplication(services: services, config: config, logger: logs.logger())
        return try await app.test(mode, body)
    }

    func seedAdmin(_ username: String = "admin", password: String = "admin-password-1") async throws {
        _ = try await services.users.create(
            CallContext(principal: .system(operator: "test"), requestID: "seed"),
            .init(username: username, displayName: "管理员", role: "admin", password: password))
    }
}

extension ByteBuffer {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [String: Any] ?? [:]
    }

    var jsonArray: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [[String: Any]] ?? []
    }
}

func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

/// Logs in through the API and returns the token.
func login(_ client: some TestClientProtocol, _ username: String, _ password: String) async throws -> String {
    try await client.execute(
        uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
        body: jsonBody(["username": username, "password": password])
    ) { response in
        guard response.status == .ok, let token = response.body.json["token"] as? String else {
            throw TestFailure("login failed: \(response.status) \(String(buffer: response.body))")
        }
        return token
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)", .contentType: "application/json"]
}
