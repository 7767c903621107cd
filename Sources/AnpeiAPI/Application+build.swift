import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird
import HummingbirdCore
import NIOConcurrencyHelpers
import Logging
import ServiceLifecycle

/// Where and how the HTTP server listens.
public struct APIConfig: Sendable {
    public var host: String
    public var port: Int
    /// Timeouts and the connection cap (issue 9 §3).
    public var limits: ConnectionLimits
    /// Proxies whose `X-Forwarded-For` names the client (issue 9 §4).
    public var trustedProxies: TrustedProxies
    /// Per-address limits: logins, and the public lookups (burst, then per minute).
    public var loginLimit: (burst: Int, perMinute: Int) = (20, 20)
    public var publicLimit: (burst: Int, perMinute: Int) = (20, 20)

    public init(host: String = "127.0.0.1", port: Int = 8080, limits: ConnectionLimits = .init(),
                trustedProxies: TrustedProxies = .none)
    {
        self.host = host
        self.port = port
        self.limits = limits
        self.trustedProxies = trustedProxies
    }

    /// Parses "host:port", "[::1]:port" or ":port".
    public init?(listen: String) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port)
        else { return nil }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }
}

/// The OpenAPI document shipped with the binary.
public enum OpenAPIDocument {
    public static func load() -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url)
        else { return ByteBuffer(string: "openapi: 3.1.0\n") }
        return ByteBuffer(bytes: data)
    }
}

/// Builds the router: the same one `anpei serve` runs and the tests drive.
public func buildRouter(services: Services, config: APIConfig = APIConfig()) -> Router<AnpeiRequestContext> {
    let trustedProxies = config.trustedProxies
    let router = Router(context: AnpeiRequestContext.self)
    let routeTable = MethodNotAllowedMiddleware.RouteTable()
    router.add(middleware: ClientAddressMiddleware(trusted: trustedProxies))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))
    HealthRoutes(services: services, openAPI: OpenAPIDocument.load()).add(to: router)
    let v1 = router.group("v1")
    let auth = AuthRoutes(
        services: services, limiter: TokenBuckets(capacity: config.loginLimit.burst, perMinute: config.loginLimit.perMinute))
    auth.addPublic(to: v1)
    let verification = VerificationRoutes(
        services: services, limiter: TokenBuckets(capacity: config.publicLimit.burst, perMinute: config.publicLimit.perMinute))
    verification.addPublic(router: router, v1: v1)
    let training = TrainingRoutes(
        services: services, limiter: TokenBuckets(capacity: config.publicLimit.burst, perMinute: config.publicLimit.perMinute))
    training.addPublic(to: v1)
    let exams = ExamRoutes(
        services: services, limiter: TokenBuckets(capacity: config.publicLimit.burst, perMinute: config.publicLimit.perMinute))
    exams.addPublic(to: v1)
    let protected = v1.group().add(middleware: AuthMiddleware(auth: services.auth))
    auth.addAuthenticated(to: protected)
    UserRoutes(services: services).add(to: protected)
    RegistryRoutes(services: services).add(to: protected)
    ImportRoutes(services: services).add(to: protected)
    CertificateRoutes(services: services).add(to: protected)
    ManagementCertificateRoutes(services: services).add(to: protected)
    training.add(to: protected)
    exams.add(to: protected)
    ViolationRoutes(services: services).add(to: protected)
    InspectionRoutes(services: services).add(to: protected)
    LedgerRoutes(services: services).add(to: protected)
    DrillRoutes(services: services).add(to: protected)
    verification.addAuthenticated(to: protected)
    routeTable.fill(router.routes.map { (path: $0.path.description, method: $0.method) })
    return router
}

/// Builds the application. `services` is shut down after the HTTP server has
/// drained its in-flight requests on SIGTERM.
public func buildApplication(
    services: Services, config: APIConfig, logger: Logger
) -> some ApplicationProtocol {
    let open = NIOLockedValueBox(0)
    let limits = config.limits
    return Application(
        router: buildRouter(services: services, config: config),
        server: HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                inner: HTTP1Channel(responder: responder, configuration: .init()), limits: limits, open: open)
        },
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "anpei"),
        // Stopped in reverse order: the sweep before the pools close.
        services: [ServicesShutdown(services: services), ExamDeadlineSweep(services: services, logger: logger)],
        logger: logger)
}

/// Closes the pools once the server is done: ServiceGroup stops services in
/// reverse order, so this runs after the HTTP server has finished.
struct ServicesShutdown: Service {
    let services: Services

    func run() async throws {
        try? await gracefulShutdown()
        await services.shutdown()
    }
}
