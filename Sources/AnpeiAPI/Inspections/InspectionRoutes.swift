import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/inspections` and `/v1/reports/spot-exams` (逢查必考, R-3V-3).
struct InspectionRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("inspections") { request, context -> EditedResponse<SafetyInspectionView> in
            let input = try await request.json(SafetyInspectionInput.self, context: context)
            let view = try await services.inspections.create(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/inspections/\(view.id)"], response: view)
        }
        group.get("inspections/{id}") { _, context -> SafetyInspectionView in
            try await services.inspections.get(try context.call(), id: try RegistryRoutes.id(context, "inspection"))
        }
        group.get("reports/spot-exams") { request, context -> SpotExamReport in
            var q = QueryReader(request)
            let region = q.string("region")
            let from = q.date("from")
            let to = q.date("to")
            try q.finish()
            return try await services.inspections.report(try context.call(), region: region, from: from, to: to)
        }
    }
}
