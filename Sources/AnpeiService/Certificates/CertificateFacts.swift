import AnpeiDomain
import AnpeiStore
import Foundation

/// Facts about a certificate recorded after its registration, besides reviews:
/// practical re-examinations (R-CERT-8) and the national register (R-CERT-2).
extension CertificateService {
    /// R-CERT-8: a practical re-examination; a pass clears every off-post gap
    /// that began before it (a new employment never does).
    public func recordPracticalExam(_ call: CallContext, id: UUID, _ input: PracticalExamInput) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let examinerField = v.text(input.examiner, "examiner", max: 100)
        let (date, examiner) = try v.finish(dateField, examinerField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            try Self.notFuture(date, today: today, zh: "考试日期不能晚于今天")
            if date < row.firstIssued {
                throw ServiceError.validation([FieldError(field: "date", code: "before_issue", message: LocalizedText(
                    zh: "考试日期不能早于初领日期", en: "must not be before the first issue"))])
            }
            try repo.addPracticalExam(id: id, date: date, passed: input.passed, examiner: examiner)
            try audit.record(action: "certificate.practical_exam", entityType: "certificate", entityID: row.id.lowercased, change: [
                "date": .string(date.description), "passed": .bool(input.passed), "examiner": .string(examiner),
            ])
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    /// R-CERT-2: the date the certificate was registered in the national system.
    public func recordNationalRegistration(_ call: CallContext, id: UUID, _ input: NationalRegistrationInput) async throws -> CertificateView {
        _ = try await get(call, id: id)
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let date = try v.finish(dateField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            try Self.notFuture(date, today: today, zh: "登记日期不能晚于今天")
            if date < row.firstIssued {
                throw ServiceError.validation([FieldError(field: "date", code: "before_issue", message: LocalizedText(
                    zh: "登记日期不能早于初领日期", en: "must not be before the first issue"))])
            }
            try repo.setNationalRegistration(id: id, date: date)
            try audit.record(action: "certificate.nationally_registered", entityType: "certificate", entityID: row.id.lowercased,
                             change: ["date": .string(date.description)])
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    static func notFuture(_ date: CivilDate, today: CivilDate, zh: String) throws {
        if date > today {
            throw ServiceError.validation([FieldError(field: "date", code: "in_future", message: LocalizedText(zh: zh, en: "must not be in the future"))])
        }
    }
}
