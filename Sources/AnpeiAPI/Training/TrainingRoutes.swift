import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird


/// Principal-leader training: `/v1/waves`, `/v1/sessions`, `/v1/coverage`,
/// `/v1/enterprises/{id}/training` and the public completion check.
struct TrainingRoutes {
    let services: Services
    let limiter: TokenBuckets

    func addPublic(to v1: RouterGroup<AnpeiRequestContext>) {
        v1.get("public/training-records/{code}") { _, context -> CompletionRecord in
            if let wait = limiter.take(context.clientAddress ?? "unknown") { throw ServiceError.rateLimited(retryAfter: wait) }
            return try await services.training.verifyCompletion(code: context.parameters.get("code") ?? "")
        }
    }

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("waves") { request, context -> [Wave] in
            var q = QueryReader(request)
            let year = q.year()
            let region = q.regionCode()
            try q.finish()
            return try await services.training.waves(try context.call(), year: year, applicableTo: region)
        }
        group.post("waves") { request, context -> EditedResponse<Wave> in
            let input = try await request.json(WaveInput.self, context: context)
            let wave = try await services.training.createWave(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/waves/\(wave.id)"], response: wave)
        }
        group.post("waves/plans") { request, context -> PlanLoadReport in
            let body = try await request.body.collect(upTo: 1 << 20)
            return try await services.training.loadPlan(try context.call(), text: String(decoding: body.readableBytesView, as: UTF8.self))
        }
        group.get("waves/{id}") { _, context -> Wave in
            try await services.training.wave(try context.call(), id: try RegistryRoutes.id(context, "wave"))
        }
        group.get("sessions") { request, context -> [Session] in
            var q = QueryReader(request)
            let wave = q.uuid("wave")
            let year = q.year()
            let status = q.string("status")
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            return try await services.training.sessions(try context.call(), wave: wave, year: year, status: status, limit: limit, offset: offset)
        }
        group.post("sessions") { request, context -> EditedResponse<Session> in
            let input = try await request.json(SessionInput.self, context: context)
            let session = try await services.training.registerSession(try context.call(), input)
            return EditedResponse(status: .created, headers: [.location: "/v1/sessions/\(session.id)"], response: session)
        }
        group.get("sessions/{id}") { _, context -> Session in
            try await services.training.session(try context.call(), id: try RegistryRoutes.id(context, "session"))
        }
        group.post("sessions/{id}/status") { request, context -> Session in
            let input = try await request.json(SessionStatusChange.self, context: context)
            return try await services.training.moveSession(
                try context.call(), id: try RegistryRoutes.id(context, "session"), to: input.status, reason: input.reason)
        }
        group.get("sessions/{id}/roster") { _, context -> [RosterEntry] in
            try await services.training.roster(try context.call(), session: try RegistryRoutes.id(context, "session"))
        }
        group.post("sessions/{id}/enrollments") { request, context -> EditedResponse<RosterEntry> in
            let input = try await request.json(EnrollInput.self, context: context)
            let entry = try await services.training.enroll(try context.call(), session: try RegistryRoutes.id(context, "session"), input)
            return EditedResponse(status: .created, response: entry)
        }
        group.post("sessions/{id}/enrollments/import") { request, context -> EnrollmentImportReport in
            var q = QueryReader(request)
            let dryRun = q.bool("dryRun") ?? false
            try q.finish()
            let body = try await request.body.collect(upTo: TrainingService.maxEnrollmentBytes)
            return try await services.training.importEnrollments(
                try context.call(), session: try RegistryRoutes.id(context, "session"), data: Data(body.readableBytesView), dryRun: dryRun,
                language: Language.negotiate(request.headers[.acceptLanguage]))
        }
        group.post("sessions/{id}/attendance") { request, context -> [RosterEntry] in
            let input = try await request.json(AttendanceInput.self, context: context)
            return try await services.training.recordAttendance(try context.call(), session: try RegistryRoutes.id(context, "session"), input)
        }
        group.get("coverage") { request, context -> CoverageReport in
            let query = try coverageQuery(request)
            return try await services.training.coverage(try context.call(), query)
        }
        group.post("supervisory-staff") { request, context -> EditedResponse<SupervisoryStaff> in
            let input = try await request.json(SupervisoryStaffInput.self, context: context)
            return EditedResponse(status: .created, response: try await services.training.addSupervisoryStaff(try context.call(), input))
        }
        group.get("reports/supervisory-training") { request, context -> SupervisoryCoverage in
            var q = QueryReader(request)
            let region = q.regionCode()
            try q.finish()
            return try await services.training.supervisoryCoverage(try context.call(), region: region)
        }
        group.get("reports/uncounted-completions") { request, context -> [UncountedCompletion] in
            var q = QueryReader(request)
            let region = q.regionCode()
            try q.finish()
            return try await services.training.uncountedCompletions(try context.call(), region: region)
        }
        group.get("coverage/missing") { request, context -> Response in
            var q = QueryReader(request)
            let format = q.parsed("format") { ["json", "csv"].contains($0) ? $0 : nil } ?? "json"
            let limit = q.limit(default: 100)
            let offset = q.offset()
            try q.finish()
            let query = try coverageQuery(request)
            if format == "csv" {
                let csv = try await services.training.missingCSV(try context.call(), query)
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                       .contentDisposition: "attachment; filename=\"missing-\(query.year).csv\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
            }
            let people = try await services.training.missing(try context.call(), query, limit: limit, offset: offset)
            return try people.response(from: request, context: context)
        }
        group.get("enterprises/{id}/training") { request, context -> [EnterpriseTrainingRow] in
            var q = QueryReader(request)
            let year = q.year()
            try q.finish()
            return try await services.training.enterpriseStatus(
                try context.call(), enterprise: try RegistryRoutes.id(context, "enterprise"), year: year ?? CivilDate.today(at: services.config.now()).year)
        }
    }

    func coverageQuery(_ request: Request) throws -> CoverageQuery {
        var q = QueryReader(request)
        let region = q.regionCode()
        let year = q.year()
        let wave = q.uuid("wave")
        let sector = q.string("sector")
        let date = q.date("date")
        try q.finish()
        return CoverageQuery(region: region, year: year ?? date?.year ?? CivilDate.today(at: services.config.now()).year, wave: wave,
                             sector: sector, asOf: date)
    }
}
