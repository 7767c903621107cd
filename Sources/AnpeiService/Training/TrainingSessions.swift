import AnpeiDomain
import AnpeiStore
import Foundation

/// Sessions, enrolment, attendance and completion (R-WAVE-1/2/3, R-INST-1).
extension TrainingService {
    public struct SessionInput: Codable, Sendable {
        public var waveId: String
        /// Admins register on an institution's behalf; institutions register for themselves.
        public var institutionId: String?
        public var kind: String
        public var mainSessionId: String?
        public var title: String?
        public var venue: String
        public var regionCode: String
        public var startDate: String
        public var endDate: String
        public var hoursPerDay: Int
        public var capacity: Int
        public var modules: [String]

        public init(waveId: String, institutionId: String? = nil, kind: String, mainSessionId: String? = nil, title: String? = nil,
                    venue: String, regionCode: String, startDate: String, endDate: String, hoursPerDay: Int, capacity: Int,
                    modules: [String]) {
            self.waveId = waveId
            self.institutionId = institutionId
            self.kind = kind
            self.mainSessionId = mainSessionId
            self.title = title
            self.venue = venue
            self.regionCode = regionCode
            self.startDate = startDate
            self.endDate = endDate
            self.hoursPerDay = hoursPerDay
            self.capacity = capacity
            self.modules = modules
        }
    }

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
    public func registerSession(_ call: CallContext, _ input: SessionInput) async throws -> SessionRecord {
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
            // R-INST-1: cleared out, or rectifying past the deadline: no sessions.
            guard institution.mayAct else {
                let zh = institution.status == .clearedOut
                    ? "培训机构已被清退，不得登记培训班（R-INST-1）"
                    : "培训机构整改期限（\(institution.rectifyDeadline ?? "")）已过仍未达标，不得登记培训班（R-INST-1）"
                throw ServiceError.validation([FieldError(field: "institutionId", code: "institution_may_not_act", message: LocalizedText(
                    zh: zh, en: "the institution may not register sessions (R-INST-1: \(institution.status.rawValue))"))])
            }
            guard institution.trainingKinds.contains(wave.targetRole.trainingKind) else {
                throw ServiceError.validation([FieldError(field: "waveId", code: "outside_institution_scope", message: LocalizedText(
                    zh: "培训机构的培训范围不含\(wave.targetRole.employmentRole.label.zh)培训", en: "the institution does not train \(wave.targetRole.rawValue)"))])
            }
            var v = Validator()
            let kind = WaveRules.SessionKind(rawValue: input.kind)
            if kind == nil { v.add("kind", "invalid", zh: "课堂类型须为 main、sub 或 independent", en: "must be main, sub or independent") }
            let start = v.date(input.startDate, "startDate")
            let end = v.date(input.endDate, "endDate")
            let venue = v.text(input.venue, "venue", max: 200)
            let region = RegionCode(input.regionCode)
            let regionExists = try ReferenceRepository(conn).regionExists(input.regionCode)
            if region == nil || !regionExists {
                v.add("regionCode", "unknown_region", zh: "未知行政区划：\(input.regionCode)", en: "no such region")
            }
            var modules: [TrainingModule] = []
            for m in input.modules {
                if let module = TrainingModule(rawValue: m) { modules.append(module) } else { v.add("modules", "unknown_module", zh: "未知培训内容：\(m)", en: "no such module: \(m)") }
            }
            try v.finish()
            var main: SessionRecord?
            if let m = input.mainSessionId {
                main = try UUID(uuidString: m).flatMap { try TrainingRepository(conn).session(id: $0, scope: ScopeFilter(.all)) }
                if let found = main, found.waveId != waveRecord.id || found.status == .cancelled {
                    throw ServiceError.validation([FieldError(field: "mainSessionId", code: "not_a_main_classroom", message: LocalizedText(
                        zh: "主课堂须属于同一批次且未取消", en: "the main classroom must be of the same wave and not cancelled"))])
                }
            }
            let plan = WaveRules.SessionPlan(kind: kind!, region: region!, start: start!, end: end!, hoursPerDay: input.hoursPerDay,
                                             capacity: input.capacity, modules: modules)
            let refusals = WaveRules.sessionRefusals(plan, wave: wave, main: main?.plan)
            if !refusals.isEmpty { throw ServiceError.validation(refusals) }
            let repo = TrainingRepository(conn)
            let id = try repo.insertSession(.init(
                waveID: waveID, institutionID: institutionID, kind: kind!.rawValue, mainSessionID: main.flatMap { UUID(uuidString: $0.id) },
                title: input.title?.trimmedCell ?? waveRecord.title, venue: venue!, regionCode: input.regionCode,
                start: start!.description, end: end!.description, hoursPerDay: input.hoursPerDay, capacity: input.capacity,
                modules: modules.map(\.rawValue)))
            try audit.record(action: "session.registered", entityType: "training_session", entityID: id.lowercased, change: [
                "waveId": .string(waveRecord.id), "institutionId": .string(institutionID.lowercased), "kind": .string(kind!.rawValue),
                "startDate": .string(start!.description), "endDate": .string(end!.description), "capacity": .int(input.capacity),
            ])
            return try repo.session(id: id, scope: ScopeFilter(.all))!
        }
    }

    public func session(_ call: CallContext, id: UUID) async throws -> SessionRecord {
        let scope = ScopeFilter(call.principal.scope)
        guard let s = try await db.read({ conn in try TrainingRepository(conn).session(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "session")
        }
        return s
    }

    public func sessions(_ call: CallContext, wave: UUID?, year: Int?, status: String?, limit: Int, offset: Int) async throws -> [SessionRecord] {
        let scope = ScopeFilter(call.principal.scope)
        if let status, WaveRules.SessionStatus(rawValue: status) == nil {
            throw ServiceError.validation([FieldError(field: "status", code: "invalid", message: LocalizedText(zh: "状态无效", en: "invalid status"))])
        }
        return try await db.read { conn in
            try TrainingRepository(conn).sessions(wave: wave, year: year, status: status, scope: scope, limit: min(max(limit, 1), 500), offset: max(offset, 0))
        }
    }

    /// The session, for its own institution or an administrator (404 for anyone
    /// who cannot see it, 403 for those who see but may not change it).
    func ownSession(_ call: CallContext, id: UUID) async throws -> SessionRecord {
        let s = try await session(call, id: id)
        switch call.principal.scope {
        case .all: return s
        case .institution(let mine) where mine.lowercased() == s.institutionId.lowercased(): return s
        default: throw ServiceError.forbidden
        }
    }

    /// registered → in_progress → completed; cancelled with a reason (enrolled
    /// trainees are released). Completing evaluates every trainee (R-WAVE-1:
    /// present on at least the wave's minimum days) and issues completion records.
    public func moveSession(_ call: CallContext, id: UUID, to status: String, reason: String?) async throws -> SessionRecord {
        let current = try await ownSession(call, id: id)
        guard let target = WaveRules.SessionStatus(rawValue: status) else {
            throw ServiceError.validation([FieldError(field: "status", code: "invalid", message: LocalizedText(zh: "状态无效", en: "invalid status"))])
        }
        guard WaveRules.mayMove(from: current.status, to: target) else {
            throw ServiceError.conflict(code: "invalid_transition", field: "status", message: LocalizedText(
                zh: "培训班不能从“\(current.status.label.zh)”变为“\(target.label.zh)”", en: "cannot go from \(current.status.rawValue) to \(target.rawValue)"))
        }
        var v = Validator()
        let why = target == .cancelled ? v.text(reason, "reason", max: 500) : nil
        try v.finish()
        return try await db.write(call) { conn, audit in
            let repo = TrainingRepository(conn)
            try repo.lockSession(id: id)
            guard let s = try repo.session(id: id, scope: ScopeFilter(.all)), WaveRules.mayMove(from: s.status, to: target) else {
                throw ServiceError.conflict(code: "invalid_transition", field: "status", message: LocalizedText(zh: "培训班状态已变化", en: "the session changed meanwhile"))
            }
            var change: [String: AuditValue] = ["from": .string(s.status.rawValue), "to": .string(target.rawValue)]
            if target == .cancelled {
                change["released"] = .int(try repo.releaseEnrollments(session: id))
                change["reason"] = .string(why!)
            }
            if target == .completed {
                let wave = try repo.wave(id: UUID(uuidString: s.waveId)!)!.domain
                var completed = 0
                for e in try repo.presentDays(session: id) where !e.observer {
                    if WaveRules.completes(presentDays: e.days, wave: wave) {
                        try repo.complete(enrollment: e.enrollment, on: s.endDate, code: Self.completionCode())
                        completed += 1
                    } else {
                        try repo.markNotCompleted(enrollment: e.enrollment)
                    }
                }
                change["completed"] = .int(completed)
            }
            try repo.setSessionStatus(id: id, status: target.rawValue, cancelReason: why)
            try audit.record(action: "session.\(target.rawValue)", entityType: "training_session", entityID: id.lowercased, change: change)
            return try repo.session(id: id, scope: ScopeFilter(.all))!
        }
    }

    /// 10 characters from an alphabet without look-alikes: what a trainee reads out.
    static func completionCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] })
    }

    public struct EnrollInput: Codable, Sendable {
        public var personId: String?
        public var enterpriseId: String?
        /// An observer (跟班参训, R-WAVE-3): name and organisation, no person record.
        public var observerName: String?
        public var observerOrganisation: String?
        public init(personId: String? = nil, enterpriseId: String? = nil, observerName: String? = nil, observerOrganisation: String? = nil) {
            self.personId = personId
            self.enterpriseId = enterpriseId
            self.observerName = observerName
            self.observerOrganisation = observerOrganisation
        }
    }

    /// Enrols a trainee or an observer. Trainees must hold the wave's target role
    /// in an enterprise of its sector inside the session's region during the
    /// wave's year; capacity holds under concurrency (the session row is
    /// locked); a person is in one session at a time (the person row is locked).
    public func enroll(_ call: CallContext, session id: UUID, _ input: EnrollInput) async throws -> RosterEntry {
        let s = try await ownSession(call, id: id)
        return try await db.write(call) { conn, audit in
            let entryID = try enrollLocked(conn, session: s, input, field: "")
            try audit.record(action: "session.enrolled", entityType: "training_session", entityID: s.id, change: [
                "enrollmentId": .string(entryID.lowercased), "personId": .string(input.personId ?? ""),
                "observer": .bool(input.personId == nil),
            ])
            return try TrainingRepository(conn).roster(session: id).first { $0.id == entryID.lowercased }!
        }
    }

    /// The checks and the insert, inside the caller's transaction. `field`
    /// prefixes error fields (for file rows).
    func enrollLocked(_ conn: PGConnection, session s: SessionRecord, _ input: EnrollInput, field: String) throws -> UUID {
        func refuse(_ f: String, _ code: String, _ zh: String, _ en: String) -> ServiceError {
            ServiceError.validation([FieldError(field: field + f, code: code, message: LocalizedText(zh: zh, en: en))])
        }
        let repo = TrainingRepository(conn)
        let sessionID = UUID(uuidString: s.id)!
        try repo.lockSession(id: sessionID)
        guard let fresh = try repo.session(id: sessionID, scope: ScopeFilter(.all)) else { throw ServiceError.notFound(entity: "session") }
        guard fresh.status == .registered || fresh.status == .inProgress else {
            throw refuse("sessionId", "session_closed", "培训班\(fresh.status.label.zh)，不能报名", "the session is \(fresh.status.rawValue)")
        }
        if fresh.seatsTaken >= fresh.capacity {
            throw ServiceError.conflict(code: "session_full", field: field + "personId", message: LocalizedText(
                zh: "培训班已满（容量\(fresh.capacity)人）", en: "the session is full (capacity \(fresh.capacity))"))
        }
        guard let personText = input.personId else {
            var v = Validator()
            let name = v.text(input.observerName, field + "observerName", max: 100)
            let org = v.text(input.observerOrganisation, field + "observerOrganisation", max: 200)
            try v.finish()
            return try repo.addObserver(session: sessionID, name: name!, organisation: org!)
        }
        guard let person = UUID(uuidString: personText), try repo.lockPerson(id: person) else {
            throw refuse("personId", "unknown_person", "未找到该人员", "no such person")
        }
        let waveRecord = try repo.wave(id: UUID(uuidString: fresh.waveId)!)!
        let wave = waveRecord.domain
        if try repo.isEnrolled(person: person, session: sessionID) {
            throw ServiceError.conflict(code: "already_enrolled", field: field + "personId", message: LocalizedText(zh: "该人员已报名本培训班", en: "already enrolled"))
        }
        let regionPrefix = RegionCode(fresh.regionCode)!.prefix
        let qualifying = try repo.qualifyingEnterprises(person: person, role: wave.targetRole.employmentRole.rawValue, sector: wave.sectorCode,
                                                        regionPrefix: regionPrefix, year: wave.year)
        let enterprise: UUID
        if let e = input.enterpriseId {
            guard let uuid = UUID(uuidString: e), qualifying.contains(uuid) else {
                throw refuse("enterpriseId", "not_eligible", "该人员在此单位不是本批次对象（\(wave.targetRole.employmentRole.label.zh)）",
                             "the person is not this wave's target in that enterprise")
            }
            enterprise = uuid
        } else {
            guard let first = qualifying.first else {
                throw refuse("personId", "not_eligible",
                             "该人员\(wave.year)年不是\(fresh.regionName)\(waveRecord.sectorName)单位的\(wave.targetRole.employmentRole.label.zh)，不属本批次培训对象",
                             "not a \(wave.targetRole.rawValue) of a \(wave.sectorCode) enterprise in \(fresh.regionCode) during \(wave.year)")
            }
            enterprise = first
        }
        if let other = try repo.overlappingSession(person: person, start: fresh.startDate, end: fresh.endDate, except: sessionID) {
            throw ServiceError.conflict(code: "overlapping_session", field: field + "personId", message: LocalizedText(
                zh: "该人员已报名日期重叠的培训班：\(other.title)（\(other.start)至\(other.end)）",
                en: "already enrolled in an overlapping session (\(other.start) to \(other.end))"))
        }
        return try repo.enroll(session: sessionID, person: person, enterprise: enterprise)
    }

    public func roster(_ call: CallContext, session id: UUID) async throws -> [RosterEntry] {
        let s = try await session(call, id: id)
        // Rosters carry personal data: the institution, regulators of the region and admins.
        switch call.principal.scope {
        case .all, .region: break
        case .institution(let mine) where mine.lowercased() == s.institutionId.lowercased(): break
        default: throw ServiceError.forbidden
        }
        return try await db.read { conn in try TrainingRepository(conn).roster(session: id) }
    }

    public struct AttendanceInput: Codable, Sendable {
        public struct Entry: Codable, Sendable {
            public var enrollmentId: String
            public var present: Bool
            public init(enrollmentId: String, present: Bool) {
                self.enrollmentId = enrollmentId
                self.present = present
            }
        }
        public var day: String
        public var entries: [Entry]
        public init(day: String, entries: [Entry]) {
            self.day = day
            self.entries = entries
        }
    }

    /// Attendance of one day of a session in progress; the day must be one of the session's.
    public func recordAttendance(_ call: CallContext, session id: UUID, _ input: AttendanceInput) async throws -> [RosterEntry] {
        let s = try await ownSession(call, id: id)
        var v = Validator()
        let day = v.date(input.day, "day")
        if let day, day < CivilDate(iso: s.startDate)! || day > CivilDate(iso: s.endDate)! {
            v.add("day", "outside_session", zh: "日期不在培训班日期（\(s.startDate)至\(s.endDate)）内", en: "not a day of the session")
        }
        var entries: [(UUID, Bool)] = []
        for (i, e) in input.entries.enumerated() {
            if let uuid = UUID(uuidString: e.enrollmentId) { entries.append((uuid, e.present)) } else {
                v.add("entries[\(i)].enrollmentId", "invalid", zh: "报名编号无效", en: "invalid enrollment id")
            }
        }
        try v.finish()
        let marked = entries
        guard s.status == .inProgress else {
            throw ServiceError.conflict(code: "session_not_in_progress", field: "day", message: LocalizedText(
                zh: "培训班开班后方可记录考勤", en: "attendance is recorded while the session is in progress"))
        }
        return try await db.write(call) { conn, audit in
            let repo = TrainingRepository(conn)
            let known = Set(try repo.roster(session: id).filter { $0.status == "enrolled" }.map(\.id))
            let unknown = marked.enumerated().filter { !known.contains($0.element.0.lowercased) }
            if !unknown.isEmpty {
                throw ServiceError.validation(unknown.map {
                    FieldError(field: "entries[\($0.offset)].enrollmentId", code: "not_in_session", message: LocalizedText(
                        zh: "不是本培训班的在册学员", en: "not an active enrolment of this session"))
                })
            }
            let n = try repo.recordAttendance(session: id, day: day!.description, entries: marked)
            try audit.record(action: "session.attendance", entityType: "training_session", entityID: s.id, change: [
                "day": .string(day!.description), "present": .int(marked.filter(\.1).count), "recorded": .int(n),
            ])
            return try repo.roster(session: id)
        }
    }

    /// A completion record by its code: the minimum that proves it (no ID number).
    public func verifyCompletion(code: String) async throws -> [String: String] {
        let code = code.trimmedCell.uppercased()
        guard code.count == 10 else { throw ServiceError.notFound(entity: "training_record") }
        guard let record = try await db.read({ conn in try TrainingRepository(conn).completionRecord(code: code) }) else {
            throw ServiceError.notFound(entity: "training_record")
        }
        return record
    }
}
