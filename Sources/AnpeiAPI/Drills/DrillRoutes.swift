import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/drill-rules`, `/v1/drills`, `/v1/enterprises/{id}/drill-schedule` (issue 14, R-DRILL-1).
struct DrillRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("drill-rules") { _, context -> [DrillRuleView] in
            try await services.drills.rules(try context.call())
        }
        group.get("drill-rules/applicable") { request, context -> DrillRuleView in
            var q = QueryReader(request)
            let region = q.required("region")
            let date = q.date("date")
            try q.finish()
            return try await services.drills.applicable(try context.call(), region: region ?? "", on: date)
        }
        group.post("drill-rules") { request, context -> EditedResponse<DrillRuleView> in
            let input = try await request.json(DrillRuleView.self, context: context)
            return EditedResponse(status: .created, response: try await services.drills.addRule(try context.call(), input))
        }
        group.post("drills") { request, context -> EditedResponse<DrillView> in
            let input = try await request.json(DrillInput.self, context: context)
            let view = try await services.drills.create(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/drills/\(view.id)"], response: view)
        }
        group.get("drills") { request, context -> [DrillView] in
            var q = QueryReader(request)
            let enterprise = q.uuid("enterpriseId")
            let year = q.year()
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            return try await services.drills.list(try context.call(), enterpriseID: enterprise, year: year, limit: limit, offset: offset)
        }
        group.get("drills/{id}") { _, context -> DrillView in
            try await services.drills.get(try context.call(), id: try RegistryRoutes.id(context, "drill"))
        }
        group.post("drills/{id}/record") { request, context -> DrillView in
            let input = try await request.json(DrillInput.self, context: context)
            return try await services.drills.recordPlanned(try context.call(), id: try RegistryRoutes.id(context, "drill"), input)
        }
        group.get("enterprises/{id}/drill-schedule") { request, context -> DrillScheduleView in
            var q = QueryReader(request)
            let year = q.year()
            let date = q.date("date")
            try q.finish()
            return try await services.drills.schedule(try context.call(), enterprise: try RegistryRoutes.id(context, "enterprise"), year: year, on: date)
        }
    }
}
