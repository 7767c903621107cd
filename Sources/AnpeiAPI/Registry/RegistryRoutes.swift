import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird


/// `/v1/enterprises`, `/v1/people`, `/v1/employments`, `/v1/institutions` and the
/// reference lists. Handlers decode, call one service method, encode; scope
/// checks are the service layer's.
struct RegistryRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        // Reference lists.
        group.get("regions") { request, context -> [Region] in
            var q = QueryReader(request)
            let parent = q.regionCode("parent")
            try q.finish()
            return try await services.reference.regions(try context.call(), parent: parent)
        }
        group.get("sectors") { _, context -> [Sector] in
            try await services.reference.sectors(try context.call())
        }
        group.get("special-operations") { request, context -> [CatalogueItem] in
            var q = QueryReader(request)
            let version = q.string("version")
            try q.finish()
            return try await services.reference.specialOperations(
                try context.call(), version: version, on: CivilDate.today(at: services.config.now()))
        }

        // Enterprises.
        group.get("enterprises") { request, context -> Page<Enterprise> in
            var q = QueryReader(request)
            let query = EnterpriseQuery(
                regionPrefix: q.region("region"), sector: q.string("sector"), keyEnterprise: q.bool("key"),
                highRisk: q.bool("highRisk"), status: q.parsed("status") { EnterpriseStatus(rawValue: $0) },
                search: q.string("q"), limit: q.limit(default: 50), offset: q.offset())
            try q.finish()
            return try await services.enterprises.list(try context.call(), query)
        }
        group.post("enterprises") { request, context -> EditedResponse<Enterprise> in
            let input = try await request.json(EnterpriseInput.self, context: context)
            let record = try await services.enterprises.create(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/enterprises/\(record.id)"], response: record)
        }
        group.get("enterprises/{id}") { _, context -> Enterprise in
            try await services.enterprises.get(try context.call(), id: try Self.id(context, "enterprise"))
        }
        group.patch("enterprises/{id}") { request, context -> Enterprise in
            let patch = try await request.json(EnterprisePatch.self, context: context)
            return try await services.enterprises.update(try context.call(), id: try Self.id(context, "enterprise"), patch)
        }

        // People and employment.
        group.get("people") { request, context -> Page<Person> in
            var q = QueryReader(request)
            let query = PersonQuery(
                enterpriseID: q.uuid("enterprise"), regionPrefix: q.region("region"),
                role: q.parsed("role") { EmploymentRole(code: $0) }, documentNumber: q.string("documentNumber"),
                search: q.string("q"), currentOnly: q.bool("current") ?? false,
                limit: q.limit(default: 50), offset: q.offset())
            try q.finish()
            return try await services.people.list(try context.call(), query)
        }
        group.post("people") { request, context -> EditedResponse<Person> in
            let input = try await request.json(PersonCreate.self, context: context)
            let record = try await services.people.create(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/people/\(record.id)"], response: record)
        }
        group.get("people/{id}") { _, context -> Person in
            try await services.people.get(try context.call(), id: try Self.id(context, "person"))
        }
        group.patch("people/{id}") { request, context -> Person in
            let patch = try await request.json(PersonPatch.self, context: context)
            return try await services.people.update(try context.call(), id: try Self.id(context, "person"), patch)
        }
        group.post("people/{id}/employments") { request, context -> EditedResponse<Person> in
            let input = try await request.json(EmploymentInput.self, context: context)
            let record = try await services.people.addEmployment(try context.call(), personID: try Self.id(context, "person"), input)
            return EditedResponse(status: .created, response: record)
        }
        group.patch("employments/{id}") { request, context -> Person in
            let patch = try await request.json(EmploymentPatch.self, context: context)
            return try await services.people.updateEmployment(try context.call(), id: try Self.id(context, "employment"), patch)
        }

        // Training institutions.
        group.get("institutions") { request, context -> Page<Institution> in
            var q = QueryReader(request)
            let query = InstitutionQuery(
                regionPrefix: q.region("region"), status: q.parsed("status") { InstitutionStatus(rawValue: $0) },
                search: q.string("q"), limit: q.limit(default: 50), offset: q.offset())
            try q.finish()
            return try await services.institutions.list(try context.call(), query)
        }
        group.post("institutions") { request, context -> EditedResponse<Institution> in
            let input = try await request.json(InstitutionInput.self, context: context)
            let record = try await services.institutions.create(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/institutions/\(record.id)"], response: record)
        }
        group.get("institutions/{id}") { _, context -> Institution in
            try await services.institutions.get(try context.call(), id: try Self.id(context, "institution"))
        }
        group.patch("institutions/{id}") { request, context -> Institution in
            let patch = try await request.json(InstitutionPatch.self, context: context)
            return try await services.institutions.update(try context.call(), id: try Self.id(context, "institution"), patch)
        }
        group.post("institutions/{id}/status") { request, context -> Institution in
            let change = try await request.json(InstitutionStatusChange.self, context: context)
            return try await services.institutions.setStatus(try context.call(), id: try Self.id(context, "institution"), change)
        }
        group.post("institutions/{id}/inspections") { request, context -> EditedResponse<Institution> in
            let input = try await request.json(InspectionInput.self, context: context)
            let record = try await services.institutions.addInspection(try context.call(), id: try Self.id(context, "institution"), input)
            return EditedResponse(status: .created, response: record)
        }
    }

    /// A malformed id is an id that does not exist.
    static func id(_ context: AnpeiRequestContext, _ entity: String) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw ServiceError.notFound(entity: entity) }
        return id
    }
}
