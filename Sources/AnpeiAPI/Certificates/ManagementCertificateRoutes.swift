import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird


/// `/v1/management-certificates` and `/v1/people/{id}/management-certificates`:
/// 安全生产知识和管理能力考核合格证 (R-CERT-11).
struct ManagementCertificateRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("management-certificates") { request, context -> EditedResponse<ManagementCertificateView> in
            let input = try await request.json(ManagementCertificateInput.self, context: context)
            let view = try await services.certificates.registerManagement(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/management-certificates/\(view.certificate.id)"], response: view)
        }
        group.get("management-certificates/{id}") { request, context -> ManagementCertificateView in
            var q = QueryReader(request)
            let date = q.date()
            try q.finish()
            return try await services.certificates.getManagement(
                try context.call(), id: try RegistryRoutes.id(context, "management_certificate"), on: date)
        }
        group.post("management-certificates/{id}/reexaminations") { request, context -> ManagementCertificateView in
            let input = try await request.json(Reexamination.self, context: context)
            return try await services.certificates.reexamine(try context.call(), id: try RegistryRoutes.id(context, "management_certificate"), input)
        }
        group.post("management-certificates/{id}/revocation") { request, context -> ManagementCertificateView in
            let input = try await request.json(CertificateEnd.self, context: context)
            return try await services.certificates.revokeManagement(
                try context.call(), id: try RegistryRoutes.id(context, "management_certificate"), input)
        }
        group.get("people/{id}/management-certificates") { request, context -> [ManagementCertificateView] in
            var q = QueryReader(request)
            let date = q.date()
            try q.finish()
            return try await services.certificates.managementForPerson(
                try context.call(), personID: try RegistryRoutes.id(context, "person"), on: date)
        }
    }
}
