import AnpeiDomain
import AnpeiService
import HTTPTypes
import AnpeiWire
import Foundation
import Hummingbird

/// `/v1/banks`, `/v1/blueprints`, `/v1/exam-attempts`, `/v1/exam-results`,
/// `/v1/exam-codes`, `/v1/exam-reports/fraud` (issue 12), and the proctored
/// attempts a one-time code opens (`/v1/proctored-attempts`, keyed by X-Attempt-Key).
struct ExamRoutes {
    let services: Services
    let limiter: TokenBuckets

    /// A bank file may be far bigger than the usual JSON body.
    static let bankLimit = 8 * 1024 * 1024

    static func client(_ request: Request, _ context: AnpeiRequestContext) -> ExamService.Client {
        ExamService.Client(address: context.clientAddress, userAgent: request.headers[.userAgent])
    }

    static func bankID(_ context: AnpeiRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), id.range(of: "^[A-Za-z0-9._-]{1,64}$", options: .regularExpression) != nil else {
            throw ServiceError.notFound(entity: "question_bank")
        }
        return id
    }

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("banks") { _, context -> [BankSummary] in try await services.banks.list(try context.call()) }
        group.post("banks") { request, context -> EditedResponse<BankImportResult> in
            let bank = try await request.json(QuestionBank.self, context: context, limit: Self.bankLimit)
            let result = try await services.banks.importBank(try context.call(), bank)
            return EditedResponse(status: result.newVersion ? .created : .ok, response: result)
        }
        group.get("banks/{id}") { request, context -> QuestionBank in
            var q = QueryReader(request)
            let version = q.int("version")
            try q.finish()
            return try await services.banks.export(try context.call(), id: try Self.bankID(context), version: version)
        }
        group.get("banks/{id}/stats") { request, context -> ExamStats in
            var q = QueryReader(request)
            let version = q.int("version")
            try q.finish()
            return try await services.banks.stats(try context.call(), id: try Self.bankID(context), version: version)
        }
        group.get("blueprints") { _, context -> [BlueprintView] in try await services.blueprints.list(try context.call()) }
        group.post("blueprints") { request, context -> EditedResponse<BlueprintView> in
            let input = try await request.json(BlueprintView.self, context: context)
            let saved = try await services.blueprints.save(try context.call(), input)
            return EditedResponse(status: saved.changed ? .created : .ok, response: saved.view)
        }
        group.get("blueprints/{id}") { _, context -> BlueprintView in
            guard let id = context.parameters.get("id") else { throw ServiceError.notFound(entity: "blueprint") }
            return try await services.blueprints.get(try context.call(), id: id)
        }
        group.post("exam-attempts") { request, context -> EditedResponse<AttemptView> in
            let input = try await request.json(AttemptStart.self, context: context)
            let view = try await services.exams.start(try context.call(), input, client: Self.client(request, context))
            return EditedResponse(status: .created, headers: [.location: "/v1/exam-attempts/\(view.id)"], response: view)
        }
        group.get("exam-attempts") { request, context -> [AttemptView] in
            var q = QueryReader(request)
            let person = q.string("personId")
            let purpose = q.string("purpose")
            let subject = q.string("subjectId")
            let limit = q.limit(default: 50)
            let offset = q.offset()
            try q.finish()
            if let purpose, !AttemptRules.purposes.contains(purpose) {
                throw ServiceError.validation([FieldError(field: "purpose", code: "invalid_purpose", message: LocalizedText(
                    zh: "用途须为：" + AttemptRules.purposes.joined(separator: "、"), en: "one of " + AttemptRules.purposes.joined(separator: ", ")))])
            }
            return try await services.exams.list(try context.call(), personID: person, purpose: purpose, subjectID: subject, limit: limit, offset: offset)
        }
        group.get("exam-attempts/{id}") { _, context -> AttemptView in
            try await services.exams.get(.call(try context.call()), id: try RegistryRoutes.id(context, "exam_attempt"))
        }
        group.put("exam-attempts/{id}/answers") { request, context -> AttemptView in
            let input = try await request.json(AnswerInput.self, context: context)
            return try await services.exams.answer(.call(try context.call()), id: try RegistryRoutes.id(context, "exam_attempt"), input)
        }
        group.post("exam-attempts/{id}/submission") { _, context -> AttemptView in
            try await services.exams.submit(.call(try context.call()), id: try RegistryRoutes.id(context, "exam_attempt"))
        }
        group.post("exam-results") { request, context -> EditedResponse<PaperResultOutcome> in
            let input = try await request.json(PaperResultInput.self, context: context, limit: 1024 * 1024)
            return EditedResponse(status: .created, response: try await services.exams.recordPaperResults(try context.call(), input))
        }
        group.post("exam-codes") { request, context -> EditedResponse<AttemptCodes> in
            let input = try await request.json(AttemptCodeRequest.self, context: context)
            return EditedResponse(status: .created, response: try await services.exams.issueCodes(try context.call(), input))
        }
        group.get("exam-reports/fraud") { request, context -> [FraudSignal] in
            var q = QueryReader(request)
            let from = q.date("from")
            let to = q.date("to")
            try q.finish()
            let start = from.map { $0.startInChina } ?? Date().addingTimeInterval(-30 * 86_400)
            let end = to.map { $0.adding(days: 1).startInChina } ?? Date().addingTimeInterval(86_400)
            return try await services.exams.fraudReport(try context.call(), from: start, to: end)
        }
    }

    func access(_ request: Request, _ context: AnpeiRequestContext) throws -> ExamService.Access {
        // No key, no token spent: the limit guards guessing, not forgetting the header.
        guard let key = request.headers[HTTPField.Name("X-Attempt-Key")!], !key.isEmpty, key.count <= 128 else { throw ServiceError.unauthenticated }
        if let wait = limiter.take(context.clientAddress ?? "unknown") { throw ServiceError.rateLimited(retryAfter: wait) }
        return .key(key, requestID: context.id)
    }

    /// Without an account: a proctor's code opens an attempt; its key then acts on it.
    func addPublic(to v1: RouterGroup<AnpeiRequestContext>) {
        v1.post("exam-attempts/by-code") { request, context -> EditedResponse<AttemptView> in
            if let wait = limiter.take(context.clientAddress ?? "unknown") { throw ServiceError.rateLimited(retryAfter: wait) }
            let input = try await request.json(AttemptCodeStart.self, context: context)
            let view = try await services.exams.start(code: input.code, requestID: context.id, client: Self.client(request, context))
            return EditedResponse(status: .created, response: view)
        }
        v1.get("proctored-attempts/{id}") { request, context -> AttemptView in
            try await services.exams.get(try access(request, context), id: try RegistryRoutes.id(context, "exam_attempt"))
        }
        v1.put("proctored-attempts/{id}/answers") { request, context -> AttemptView in
            let input = try await request.json(AnswerInput.self, context: context)
            return try await services.exams.answer(try access(request, context), id: try RegistryRoutes.id(context, "exam_attempt"), input)
        }
        v1.post("proctored-attempts/{id}/submission") { request, context -> AttemptView in
            try await services.exams.submit(try access(request, context), id: try RegistryRoutes.id(context, "exam_attempt"))
        }
    }
}
