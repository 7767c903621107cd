import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird


/// `/v1/certificates`, `/v1/people/{id}/certificates` and `/v1/work-check`.
struct CertificateRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("certificates") { request, context -> EditedResponse<CertificateView> in
            let input = try await request.json(CertificateInput.self, context: context)
            let view = try await services.certificates.register(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/certificates/\(view.certificate.id)"], response: view)
        }
        group.get("certificates/{id}") { request, context -> CertificateView in
            var q = QueryReader(request)
            let date = q.date()
            try q.finish()
            return try await services.certificates.get(try context.call(), id: try RegistryRoutes.id(context, "certificate"), on: date)
        }
        group.post("certificates/{id}/reviews") { request, context -> CertificateView in
            let input = try await request.json(ReviewInput.self, context: context)
            return try await services.certificates.review(try context.call(), id: try RegistryRoutes.id(context, "certificate"), input)
        }
        group.post("certificates/{id}/extension-consent") { request, context -> CertificateView in
            let input = try await request.json(ExtensionConsent.self, context: context)
            return try await services.certificates.recordExtensionConsent(try context.call(), id: try RegistryRoutes.id(context, "certificate"), input)
        }
        group.post("certificates/{id}/practical-exams") { request, context -> CertificateView in
            let input = try await request.json(PracticalExamInput.self, context: context)
            return try await services.certificates.recordPracticalExam(try context.call(), id: try RegistryRoutes.id(context, "certificate"), input)
        }
        group.post("certificates/{id}/national-registration") { request, context -> CertificateView in
            let input = try await request.json(NationalRegistrationInput.self, context: context)
            return try await services.certificates.recordNationalRegistration(
                try context.call(), id: try RegistryRoutes.id(context, "certificate"), input)
        }
        group.get("rule-sets") { _, context -> [RuleSetView] in
            try await services.certificates.ruleSets(try context.call())
        }
        group.post("rule-sets") { request, context -> EditedResponse<RuleSetView> in
            let input = try await request.json(RuleSetInput.self, context: context)
            return EditedResponse(status: .created, response: try await services.certificates.addRuleSet(try context.call(), input))
        }
        group.post("certificates/{id}/revocation") { request, context -> CertificateView in
            let input = try await request.json(CertificateEnd.self, context: context)
            return try await services.certificates.end(try context.call(), id: try RegistryRoutes.id(context, "certificate"), revoke: true, input)
        }
        group.post("certificates/{id}/cancellation") { request, context -> CertificateView in
            let input = try await request.json(CertificateEnd.self, context: context)
            return try await services.certificates.end(try context.call(), id: try RegistryRoutes.id(context, "certificate"), revoke: false, input)
        }
        group.get("people/{id}/certificates") { request, context -> [CertificateView] in
            var q = QueryReader(request)
            let date = q.date()
            try q.finish()
            return try await services.certificates.forPerson(try context.call(), personID: try RegistryRoutes.id(context, "person"), on: date)
        }
        group.get("enterprises/{id}/certificates") { request, context -> Page<StaffCertificateRow> in
            var q = QueryReader(request)
            let query = StaffCertificateQuery(
                category: q.string("category"), item: q.string("item"),
                state: q.parsed("status") { CertificateStatus.State(rawValue: $0) },
                expiringWithinDays: q.int("expiringWithin").flatMap { d -> Int? in
                    guard (0...3660).contains(d) else {
                        q.errors.append(FieldError(field: "expiringWithin", code: "out_of_range", message: LocalizedText(
                            zh: "天数须在0到3660之间", en: "days must be between 0 and 3660")))
                        return nil
                    }
                    return d
                }, date: q.date(),
                limit: q.limit(default: 50), offset: q.offset())
            try q.finish()
            return try await services.certificates.enterpriseTable(try context.call(), enterpriseID: try RegistryRoutes.id(context, "enterprise"), query)
        }
        group.get("enterprises/{id}/unlicensed") { request, context -> [UnlicensedWorker] in
            var q = QueryReader(request)
            let date = q.date()
            try q.finish()
            return try await services.certificates.unlicensed(try context.call(), enterpriseID: try RegistryRoutes.id(context, "enterprise"), on: date)
        }
        group.get("reports/certificates") { request, context -> CertificateReport in
            var q = QueryReader(request)
            let year = q.year()
            let date = q.date()
            let region = q.regionCode()
            try q.finish()
            return try await services.certificates.report(
                try context.call(), region: region, year: year ?? CivilDate.today(at: services.config.now()).year, date: date)
        }
        group.get("reports/certificates/people") { request, context -> [ReportPerson] in
            var q = QueryReader(request)
            let year = q.year()
            let date = q.date()
            let kind = q.parsed("kind") { ["all", "without_valid", "not_on_register", "not_registered", "expiring_90", "lapsed"].contains($0) ? $0 : nil }
            let region = q.regionCode()
            let sector = q.string("sector")
            try q.finish()
            return try await services.certificates.reportPeople(
                try context.call(), region: region, year: year ?? CivilDate.today(at: services.config.now()).year, sector: sector,
                kind: kind ?? "all", date: date)
        }
        // Job-site gatekeeping: person (id) and operation item, optionally a date.
        group.get("work-check") { request, context -> WorkCheck in
            var q = QueryReader(request)
            let person = q.uuid("person")
            let item = q.string("item")
            let date = q.date()
            if person == nil { q.errors.append(FieldError(field: "person", code: "required", message: LocalizedText(zh: "此项必填", en: "required"))) }
            if item == nil { q.errors.append(FieldError(field: "item", code: "required", message: LocalizedText(zh: "此项必填", en: "required"))) }
            let (personID, itemCode) = try q.finish(person, item)
            return try await services.certificates.workCheck(try context.call(), personID: personID, itemCode: itemCode, on: date)
        }
    }
}
