import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird

/// The training-hours ledger and the 三违 reports (issue 13): `/v1/training-events`,
/// `/v1/enterprises/{id}/training-hours|safety-report`, `/v1/reports/safety…`,
/// `/v1/reports/injury-prevention`.
struct LedgerRoutes {
    let services: Services

    static func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("training-events") { request, context -> EditedResponse<TrainingEventView> in
            // Up to 10,000 attendee ids (about 400 KB): a whole plant's refresher in one request.
            let input = try await request.json(TrainingEventInput.self, context: context, limit: 1 << 20)
            let view = try await services.ledger.record(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/training-events/\(view.id)"], response: view)
        }
        group.get("training-events") { request, context -> [TrainingEventView] in
            var q = QueryReader(request)
            let enterprise = q.uuid("enterpriseId")
            let person = q.uuid("personId")
            let kind = q.string("kind")
            let from = q.date("from")
            let to = q.date("to")
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            return try await services.ledger.events(try context.call(), enterpriseID: enterprise, personID: person, kind: kind, from: from, to: to,
                                                    limit: limit, offset: offset)
        }
        group.get("training-events/{id}") { _, context -> TrainingEventView in
            try await services.ledger.get(try context.call(), id: try RegistryRoutes.id(context, "training_event"))
        }
        group.post("enterprises/{id}/training-events/import") { request, context -> LedgerImportReport in
            var q = QueryReader(request)
            let dryRun = q.bool("dryRun") ?? false
            try q.finish()
            let body = try await request.body.collect(upTo: LedgerService.maxImportBytes)
            return try await services.ledger.importAttendance(
                try context.call(), enterprise: try RegistryRoutes.id(context, "enterprise"), data: Data(body.readableBytesView), dryRun: dryRun,
                language: Language.negotiate(request.headers[.acceptLanguage]))
        }
        group.get("enterprises/{id}/training-hours") { request, context -> Response in
            var q = QueryReader(request)
            let date = q.date("date")
            let format = q.parsed("format") { ["json", "csv"].contains($0) ? $0 : nil } ?? "json"
            try q.finish()
            let rows = try await services.ledger.hours(try context.call(), enterprise: try RegistryRoutes.id(context, "enterprise"), on: date)
            if format == "csv" { return Self.csv(LedgerService.hoursCSV(rows), name: "training-hours") }
            return try rows.response(from: request, context: context)
        }
        group.get("enterprises/{id}/safety-report") { request, context -> Response in
            var q = QueryReader(request)
            let date = q.date("date")
            let format = q.parsed("format") { ["json", "csv"].contains($0) ? $0 : nil } ?? "json"
            let part = q.parsed("part") { ["cases", "repeat", "hours"].contains($0) ? $0 : nil } ?? "hours"
            try q.finish()
            let report = try await services.safetyReports.enterprise(try context.call(), id: try RegistryRoutes.id(context, "enterprise"), on: date)
            guard format == "csv" else { return try report.response(from: request, context: context) }
            switch part {
            case "cases": return Self.csv(SafetyReportService.casesCSV(report), name: "open-cases")
            case "repeat": return Self.csv(SafetyReportService.repeatCSV(report), name: "repeat-violators")
            default: return Self.csv(LedgerService.hoursCSV(report.workers), name: "training-hours")
            }
        }
        group.get("reports/safety") { request, context -> SafetySummary in
            var q = QueryReader(request)
            let region = q.regionCode()
            let year = q.year()
            let month = q.int("month")
            let date = q.date("date")
            try q.finish()
            return try await services.safetyReports.summary(try context.call(), region: region, year: year, month: month, date: date)
        }
        group.get("reports/safety/people") { request, context -> [SafetySummaryPerson] in
            var q = QueryReader(request)
            let measure = q.required("measure")
            let region = q.regionCode()
            let year = q.year()
            let month = q.int("month")
            let sector = q.string("sector")
            let limit = q.limit(default: 100)
            let offset = q.offset()
            try q.finish()
            return try await services.safetyReports.people(try context.call(), measure: measure ?? "", region: region, year: year, month: month,
                                                           sector: sector, limit: limit, offset: offset)
        }
        group.get("reports/injury-prevention") { request, context -> InjuryPreventionCoverage in
            var q = QueryReader(request)
            let region = q.regionCode()
            let date = q.date("date")
            try q.finish()
            return try await services.safetyReports.injuryPrevention(try context.call(), region: region, on: date)
        }
    }
}
