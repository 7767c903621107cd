import AnpeiDomain
import AnpeiStore
import Foundation

/// Retraining cases: the list, hours, and the return to post (R-3V-2/4).
extension ViolationService {
    public func cases(_ call: CallContext, status: String?, personID: String?, enterpriseID: String?, limit: Int, offset: Int) async throws -> [CaseView] {
        var v = Validator()
        let person = v.uuid(personID, "personId")
        let enterprise = v.uuid(enterpriseID, "enterpriseId")
        if let status, !["open", "reinstated", "void"].contains(status) {
            v.add("status", "invalid_status", zh: "状态须为 open、reinstated 或 void", en: "open, reinstated or void")
        }
        try v.finish()
        let scope = ScopeFilter(call.principal.scope)
        let rules = self.rules
        let now = today
        return try await db.read { conn in
            try ViolationRepository(conn).list(scope: scope, status: status, person: person, enterprise: enterprise, limit: limit, offset: offset)
        }.map { Self.view($0, rules: rules, on: now) }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> CaseView {
        let scope = ScopeFilter(call.principal.scope)
        guard let row = try await db.read({ conn in try ViolationRepository(conn).find(case: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "retraining_case")
        }
        return Self.view(row, rules: rules, on: today)
    }

    public func addHours(_ call: CallContext, id: UUID, _ input: RetrainingHoursInput) async throws -> CaseView {
        _ = try await get(call, id: id)  // invisible cases answer 404 before any 403
        try authorizeWrite(call)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        if !(1...40).contains(input.hours) { v.add("hours", "out_of_range", zh: "学时须在1至40之间", en: "1–40 hours") }
        let trainer = v.text(input.trainer ?? "", "trainer", max: 200, required: false) ?? ""
        if let date = dateField, date > today { v.add("date", "in_future", zh: "培训日期不能晚于今天", en: "must not be in the future") }
        let date = try v.finish(dateField)
        let scope = ScopeFilter(call.principal.scope)
        let rules = self.rules
        let now = today
        let clock = config.now()
        return try await db.write(call) { conn, audit in
            let repo = ViolationRepository(conn)
            guard let row = try repo.find(case: id, scope: scope, forUpdate: true) else { throw ServiceError.notFound(entity: "retraining_case") }
            guard row.status == "open" else {
                throw ServiceError.conflict(code: "case_closed", field: nil, message: LocalizedText(zh: "该案件已结案", en: "the case is closed"))
            }
            guard date >= row.occurredOn else {
                throw ServiceError.validation([FieldError(field: "date", code: "before_violation", message: LocalizedText(
                    zh: "脱岗再培训须在违章之后", en: "retraining comes after the violation"))])
            }
            try repo.addHours(case: id, on: date, hours: input.hours, trainer: trainer, by: audit.actor.name, at: clock)
            try audit.record(action: "retraining.hours_recorded", entityType: "retraining_case", entityID: id.uuidString.lowercased(),
                             change: ["date": .string(date.description), "hours": .int(input.hours)])
            return Self.view(try written(repo.find(case: id, scope: ScopeFilter(.all))), rules: rules, on: now)
        }
    }

    /// R-3V-2: back on post only with the hours and an exam passed since the
    /// violation. The service names what is missing; the database refuses too.
    public func reinstate(_ call: CallContext, id: UUID, _ input: ReinstateInput) async throws -> CaseView {
        _ = try await get(call, id: id)
        try authorizeWrite(call)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        if let date = dateField, date > today { v.add("date", "in_future", zh: "复岗日期不能晚于今天", en: "must not be in the future") }
        let date = try v.finish(dateField)
        let scope = ScopeFilter(call.principal.scope)
        let rules = self.rules
        let now = today
        do {
            return try await db.write(call) { conn, audit in
                let repo = ViolationRepository(conn)
                guard let row = try repo.find(case: id, scope: scope, forUpdate: true) else { throw ServiceError.notFound(entity: "retraining_case") }
                guard row.status == "open" else {
                    throw ServiceError.conflict(code: "case_closed", field: nil, message: LocalizedText(zh: "该案件已结案", en: "the case is closed"))
                }
                let missing = rules.missing(requiredHours: row.requiredHours, recordedHours: row.recordedHours, violationOn: row.occurredOn,
                                            passedExams: row.passedExams.filter { $0 <= date })
                if !missing.isEmpty {
                    throw ServiceError.conflict(code: "reinstatement_refused", field: nil, message: LocalizedText(
                        zh: missing.map(\.message.zh).joined(separator: "；"), en: missing.map(\.message.en).joined(separator: "; ")))
                }
                guard date >= row.occurredOn else {
                    throw ServiceError.validation([FieldError(field: "date", code: "before_violation", message: LocalizedText(
                        zh: "复岗日期不能早于违章日期", en: "not before the violation"))])
                }
                try repo.reinstate(case: id, on: date, by: audit.actor.name)
                try audit.record(action: "retraining.reinstated", entityType: "retraining_case", entityID: id.uuidString.lowercased(),
                                 change: ["date": .string(date.description), "person": .string(row.personId.uuidString.lowercased())])
                return Self.view(try written(repo.find(case: id, scope: ScopeFilter(.all))), rules: rules, on: now)
            }
        } catch StoreError.server(let sqlstate, _) where sqlstate.hasPrefix("P3V") {
            // The database's guard (R-3V-2) caught what the check above let through.
            throw ServiceError.conflict(code: "reinstatement_refused", field: nil, message: LocalizedText(
                zh: "复岗条件未满足（R-3V-2）", en: "reinstatement refused by the database guard (R-3V-2)"))
        }
    }
}
