import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// Liveness, readiness and the API description. No authentication: they
/// reveal nothing about data.
struct HealthRoutes {
    let services: Services
    let openAPI: ByteBuffer

    func add(to router: Router<AnpeiRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz") { _, _ -> Status in
            guard await services.databaseReady() else { throw ServiceError.unavailable }
            return Status(status: "ready")
        }
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: openAPI))
        }
    }
}
