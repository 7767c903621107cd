import AnpeiDomain
import AnpeiStore
import Foundation

/// Sessions, enrolment, attendance and completion (R-WAVE-1/2/3, R-INST-1).
extension TrainingService {

    /// The institution acting: its own for institution users, the named one for admins.
    func actingInstitution(_ call: CallContext, named: String?) throws -> UUID {
        switch call.principal.scope {
        case .institution(let id):
            guard let uuid = UUID(uuidString: id) else { throw ServiceError.forbidden }
            if let named, UUID(uuidString: named) != uuid { throw ServiceError.forbidden }
            return uuid
        case .all:
            guard let named, let uuid = UUID(uuidString: named) else {
                throw ServiceError.validation([FieldError(field: "institutionId", code: "required", message: LocalizedText(
                    zh: "管理员代为登记时须指定培训机构", en: "required when an administrator registers"))])
            }
            return uuid
        default:
            throw ServiceError.forbidden
        }
    }

    /// R-INST-1 and the institution's AQ 8011 scope, then R-WAVE-1/2 on the plan.
    public func registerSession(_ call: CallContext, _ input: SessionInput) async throws -> Session {
        let institutionID = try actingInstitution(call, named: input.institutionId)
        let today = self.today
        return try await db.write(call) { conn, audit in
            guard let institution = try InstitutionRepository(conn).find(id: institutionID, scope: ScopeFilter(.all), today: today) else {
                throw ServiceError.notFound(entity: "institution")
            }
            guard let waveID = UUID(uuidString: input.waveId), let waveRecord = try TrainingRepository(conn).wave(id: waveID) else {
                throw ServiceError.validation([FieldError(field: "waveId", code: "unknown_wave", message: LocalizedText(zh: "未找到该培训批次", en: "no such wave"))])
            }
            let wave = waveRecord.domain
            // R-INST-1/2: judged on the registration's date from the history.
            try Self.institutionMayAct(institution, on: today, event: "登记培训班", field: "institutionId")
            guard institution.trainingKinds.contains(wave.targetRole.trainingKind) else {
                throw ServiceError.validation([FieldError(field: "waveId", code: "outside_institution_scope", message: LocalizedText(
                    zh: "培训机构的培训范围不含\(wave.targetRole.employmentRole.label.zh)培训", en: "the institution does not train \(wave.targetRole.rawValue)"))])
            }
            var v = Validator()
            let kindField = WaveRules.SessionKind(rawValue: input.kind)
            if kindField == nil { v.add("kind", "invalid", zh: "课堂类型须为 main、sub 或 independent", en: "must be main, sub or independent") }
            let startField = v.date(input.startDate, "startDate")
            let endField = v.date(input.endDate, "endDate")
            let venueField = v.text(input.venue, "venue", max: 200)
            let regionField = RegionCode(input.regionCode)
            let regionExists = try ReferenceRepository(conn).regionExists(input.regionCode)
            if regionField == nil || !regionExists {
                v.add("regionCode", "unknown_region", zh: "未知行政区划：\(input.regionCode)", en: "no such region")
            }
            var modules: [TrainingModule] = []
            for m in input.modules {
                if let module = TrainingModule(rawValue: m) { modules.append(module) } else { v.add("modules", "unknown_module", zh: "未知培训内容：\(m)", en: "no such module: \(m)") }
            }
            let (kind, start, end, venue, region) = try v.finish(kindField, startField, endField, venueField, regionField)
            var main: SessionRecord?
            if let m = input.mainSessionId {
                main = try UUID(uuidString: m).flatMap { try TrainingRepository(conn).session(id: $0, scope: ScopeFilter(.all)) }
                if let found = main, found.waveId != waveRecord.id || found.status == .cancelled {
                    throw ServiceError.validation([FieldError(field: "mainSessionId", code: "not_a_main_classroom", message: LocalizedText(
                        zh: "主课堂须属于同一批次且未取消", en: "the main classroom must be of the same wave and not cancelled"))])
                }
            }
            let plan = WaveRules.SessionPlan(kind: kind, region: region, start: start, end: end, hoursPerDay: input.hoursPerDay,
                                             capacity: input.capacity, modules: modules)
            let refusals = WaveRules.sessionRefusals(plan, wave: wave, main: main?.plan)
            if !refusals.isEmpty { throw ServiceError.validation(refusals) }
            let repo = TrainingRepository(conn)
            if let bp = input.examBlueprintId {
                // The institution's own blueprint or a national one.
                guard let row = try BlueprintRepository(conn).find(id: bp), row.institutionID == nil || row.institutionID == institutionID else {
                    throw ServiceError.validation([FieldError(field: "examBlueprintId", code: "unknown_blueprint", message: LocalizedText(
                        zh: "试卷蓝图不存在", en: "no such blueprint"))])
                }
            }
            let id = try repo.insertSession(.init(
                waveID: waveID, institutionID: institutionID, kind: kind.rawValue, mainSessionID: main?.id,
                title: input.title?.trimmedCell ?? waveRecord.title, venue: venue, regionCode: input.regionCode,
                start: start.description, end: end.description, hoursPerDay: input.hoursPerDay, capacity: input.capacity,
                modules: modules.map(\.rawValue), examBlueprintID: input.examBlueprintId))
            try audit.record(action: "session.registered", entityType: "training_session", entityID: id.lowercased, change: [
                "waveId": .string(waveRecord.id.lowercased), "institutionId": .string(institutionID.lowercased), "kind": .string(kind.rawValue),
                "startDate": .string(start.description), "endDate": .string(end.description), "capacity": .int(input.capacity),
            ])
            return Session(try written(repo.session(id: id, scope: ScopeFilter(.all))))
        }
    }

    public func session(_ call: CallContext, id: UUID) async throws -> Session {
        Session(try await sessionRecord(call, id: id))
    }

    func sessionRecord(_ call: CallContext, id: UUID) async throws -> SessionRecord {
        let scope = ScopeFilter(call.principal.scope)
        guard let s = try await db.read({ conn in try TrainingRepository(conn).session(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "session")
        }
        return s
    }

    public func sessions(_ call: CallContext, wave: UUID?, year: Int?, status: String?, limit: Int, offset: Int) async throws -> [Session] {
        let scope = ScopeFilter(call.principal.scope)
        if let status, WaveRules.SessionStatus(rawValue: status) == nil {
            throw ServiceError.validation([FieldError(field: "status", code: "invalid", message: LocalizedText(zh: "状态无效", en: "invalid status"))])
        }
        return try await db.read { conn in
            try TrainingRepository(conn).sessions(wave: wave, year: year, status: status, scope: scope, limit: min(max(limit, 1), 500), offset: max(offset, 0))
        }.map(Session.init)
    }

    /// The session, for its own institution or an administrator (404 for anyone
    /// who cannot see it, 403 for those who see but may not change it).
    func ownSession(_ call: CallContext, id: UUID) async throws -> SessionRecord {
        let s = try await sessionRecord(call, id: id)
        switch call.principal.scope {
        case .all: return s
        case .institution(let mine) where mine.lowercased() == s.institutionId.lowercased: return s
        default: throw ServiceError.forbidden
        }
    }

    /// registered → in_progress → completed; cancelled with a reason (enrolled
    /// trainees are released). Completing evaluates every trainee (R-WAVE-1:
    /// present on at least the wave's minimum days) and issues completion records.
    public func moveSession(_ call: CallContext, id: UUID, to status: String, reason: String?) async throws -> Session {
        let current = try await ownSession(call, id: id)
        guard let target = WaveRules.SessionStatus(rawValue: status) else {
            throw ServiceError.validation([FieldError(field: "status", code: "invalid", message: LocalizedText(zh: "状态无效", en: "invalid status"))])
        }
        guard WaveRules.mayMove(from: current.status, to: target) else {
            throw ServiceError.conflict(code: "invalid_transition", field: "status", message: LocalizedText(
                zh: "培训班不能从“\(current.status.label.zh)”变为“\(target.label.zh)”", en: "cannot go from \(current.status.rawValue) to \(target.rawValue)"))
        }
        var v = Validator()
        // A cancellation needs a reason; other moves take none.
        let why = target == .cancelled ? v.text(reason, "reason", max: 500) : ""
        let reasonText = try v.finish(why)
        return try await db.write(call) { conn, audit in
            let repo = TrainingRepository(conn)
            try repo.lockSession(id: id)
            guard let s = try repo.session(id: id, scope: ScopeFilter(.all)), WaveRules.mayMove(from: s.status, to: target) else {
                throw ServiceError.conflict(code: "invalid_transition", field: "status", message: LocalizedText(zh: "培训班状态已变化", en: "the session changed meanwhile"))
            }
            var change: [String: AuditValue] = ["from": .string(s.status.rawValue), "to": .string(target.rawValue)]
            if target == .cancelled {
                change["released"] = .int(try repo.releaseEnrollments(session: id))
                change["reason"] = .string(reasonText)
            }
            if target == .inProgress {
                // R-INST-2: the start is an event of its own, judged on its day.
                if let institution = try InstitutionRepository(conn).find(id: s.institutionId, scope: ScopeFilter(.all), today: today) {
                    try Self.institutionMayAct(institution, on: today, event: "开班", field: "status")
                }
            }
            if target == .completed {
                let wave = try written(repo.wave(id: s.waveId)).domain
                var completed = 0
                for e in try repo.attendance(session: id) where !e.observer {
                    // R-WAVE-8: every scheduled day attended or made up.
                    // Issue 12: a session that ends in an exam completes only those who passed it.
                    let passed = try s.examBlueprintId.map { _ in
                        try e.personID.map { try !AttemptRepository(conn).passed(purpose: "training_session", subjectID: id, personID: $0).isEmpty } ?? false
                    }
                    if WaveRules.completes(e.attendance, start: s.startDate, end: s.endDate, wave: wave, examPassed: passed) {
                        try repo.complete(enrollment: e.enrollment, on: s.endDate.description, code: Self.completionCode())
                        completed += 1
                    } else {
                        try repo.markNotCompleted(enrollment: e.enrollment)
                    }
                }
                change["completed"] = .int(completed)
                // R-INST-2: completions of an institution that could not act on
                // the start or end date are kept but do not count.
                if let institution = try InstitutionRepository(conn).find(id: s.institutionId, scope: ScopeFilter(.all), today: today),
                   let why = CompletionStanding.reason(start: s.startDate, end: s.endDate, history: institution.history) {
                    try repo.setUncounted(session: id, reason: why)
                    change["uncounted"] = .string(why)
                }
            }
            try repo.setSessionStatus(id: id, status: target.rawValue, cancelReason: target == .cancelled ? reasonText : nil)
            try audit.record(action: "session.\(target.rawValue)", entityType: "training_session", entityID: id.lowercased, change: change)
            return Session(try written(repo.session(id: id, scope: ScopeFilter(.all))))
        }
    }

    /// R-INST-1/2: refuses an event on `date` when the institution could not act then.
    static func institutionMayAct(_ institution: InstitutionRecord, on date: CivilDate, event: String, field: String) throws {
        let history = institution.history
        guard !InstitutionStanding.mayAct(on: date, history: history) else { return }
        let e = InstitutionStanding.entry(on: date, history: history)
        let why = switch e.status {
        case .clearedOut: "已被清退"
        case .pendingInspection: "尚未通过AQ 8011检查"
        case .rectifying: "整改期限（\(e.deadline?.description ?? "")）已过仍未达标"
        case .conforming: "不符合条件"
        }
        throw ServiceError.validation([FieldError(field: field, code: "institution_may_not_act", message: LocalizedText(
            zh: "培训机构\(date) \(why)，不得\(event)（R-INST-2）",
            en: "the institution may not act on \(date) (R-INST-2: \(e.status.rawValue))"))])
    }

    /// 10 characters from an alphabet without look-alikes: what a trainee reads out.
    static func completionCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] })
    }

}
