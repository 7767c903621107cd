import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/violations` and `/v1/retraining-cases` (issue 13, R-3V-2/4).
struct ViolationRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("violations") { request, context -> EditedResponse<CaseView> in
            let input = try await request.json(ViolationInput.self, context: context)
            let view = try await services.violations.record(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/retraining-cases/\(view.id)"], response: view)
        }
        group.get("retraining-cases") { request, context -> [CaseView] in
            var q = QueryReader(request)
            let status = q.string("status")
            let person = q.string("personId")
            let enterprise = q.string("enterpriseId")
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            return try await services.violations.cases(try context.call(), status: status, personID: person, enterpriseID: enterprise,
                                                       limit: limit, offset: offset)
        }
        group.get("retraining-cases/{id}") { _, context -> CaseView in
            try await services.violations.get(try context.call(), id: try RegistryRoutes.id(context, "retraining_case"))
        }
        group.post("retraining-cases/{id}/hours") { request, context -> CaseView in
            let input = try await request.json(RetrainingHoursInput.self, context: context)
            return try await services.violations.addHours(try context.call(), id: try RegistryRoutes.id(context, "retraining_case"), input)
        }
        group.post("retraining-cases/{id}/reinstatement") { request, context -> CaseView in
            let input = try await request.json(ReinstateInput.self, context: context)
            return try await services.violations.reinstate(try context.call(), id: try RegistryRoutes.id(context, "retraining_case"), input)
        }
    }
}
