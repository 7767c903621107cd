import AnpeiDomain
import AnpeiStore
import Foundation

/// Enrolment, rosters, attendance and completion records of sessions (R-WAVE-*).
extension TrainingService {
    /// Enrols a trainee or an observer. Trainees must hold the wave's target role
    /// in an enterprise of its sector inside the session's region during the
    /// wave's year; capacity holds under concurrency (the session row is
    /// locked); a person is in one session at a time (the person row is locked).
    public func enroll(_ call: CallContext, session id: UUID, _ input: EnrollInput) async throws -> RosterEntry {
        let s = try await ownSession(call, id: id)
        return try await db.write(call) { conn, audit in
            let entryID = try enrollLocked(conn, session: s, input, field: "")
            try audit.record(action: "session.enrolled", entityType: "training_session", entityID: s.id.lowercased, change: [
                "enrollmentId": .string(entryID.lowercased), "personId": .string(input.personId ?? ""),
                "observer": .bool(input.personId == nil),
            ])
            return RosterEntry(try TrainingRepository(conn).roster(session: id).first { $0.id == entryID.lowercased }!)
        }
    }

    /// The checks and the insert, inside the caller's transaction. `field`
    /// prefixes error fields (for file rows).
    func enrollLocked(_ conn: PGConnection, session s: SessionRecord, _ input: EnrollInput, field: String) throws -> UUID {
        func refuse(_ f: String, _ code: String, _ zh: String, _ en: String) -> ServiceError {
            ServiceError.validation([FieldError(field: field + f, code: code, message: LocalizedText(zh: zh, en: en))])
        }
        let repo = TrainingRepository(conn)
        let sessionID = s.id
        try repo.lockSession(id: sessionID)
        guard let fresh = try repo.session(id: sessionID, scope: ScopeFilter(.all)) else { throw ServiceError.notFound(entity: "session") }
        guard fresh.status == .registered || fresh.status == .inProgress else {
            throw refuse("sessionId", "session_closed", "培训班\(fresh.status.label.zh)，不能报名", "the session is \(fresh.status.rawValue)")
        }
        // R-INST-2: an enrolment is judged on its own day.
        if let institution = try InstitutionRepository(conn).find(id: fresh.institutionId, scope: ScopeFilter(.all), today: today) {
            try Self.institutionMayAct(institution, on: today, event: "招收学员", field: field + "sessionId")
        }
        if fresh.seatsTaken >= fresh.capacity {
            throw ServiceError.conflict(code: "session_full", field: field + "personId", message: LocalizedText(
                zh: "培训班已满（容量\(fresh.capacity)人）", en: "the session is full (capacity \(fresh.capacity))"))
        }
        if let staffText = input.observerStaffId {
            // R-WAVE-3: a registered member of a regulator's staff observes.
            guard let staffID = UUID(uuidString: staffText), let staff = try SupervisoryStaffRepository(conn).find(id: staffID) else {
                throw refuse("observerStaffId", "unknown_staff", "未找到该监管人员", "no such staff member")
            }
            if try repo.isEnrolled(person: staff.personID, session: sessionID) {
                throw ServiceError.conflict(code: "already_enrolled", field: field + "observerStaffId", message: LocalizedText(
                    zh: "该人员已在本培训班", en: "already in this session"))
            }
            return try repo.addStaffObserver(session: sessionID, staffID: staffID, personID: staff.personID, name: staff.name,
                                             authority: staff.authority)
        }
        guard let personText = input.personId else {
            var v = Validator()
            let nameField = v.text(input.observerName, field + "observerName", max: 100)
            let orgField = v.text(input.observerOrganisation, field + "observerOrganisation", max: 200)
            let (name, org) = try v.finish(nameField, orgField)
            return try repo.addObserver(session: sessionID, name: name, organisation: org)
        }
        guard let person = UUID(uuidString: personText), try repo.lockPerson(id: person) else {
            throw refuse("personId", "unknown_person", "未找到该人员", "no such person")
        }
        let waveRecord = try written(repo.wave(id: fresh.waveId))
        let wave = waveRecord.domain
        if try repo.isEnrolled(person: person, session: sessionID) {
            throw ServiceError.conflict(code: "already_enrolled", field: field + "personId", message: LocalizedText(zh: "该人员已报名本培训班", en: "already enrolled"))
        }
        let regionPrefix = fresh.regionCode.prefix
        let qualifying = try repo.qualifyingEnterprises(person: person, roles: wave.targetRoles.map(\.rawValue), sector: wave.sectorCode,
                                                        owners: wave.owners.map(\.rawValue), regionPrefix: regionPrefix, year: wave.year)
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
        if let other = try repo.overlappingSession(person: person, start: fresh.startDate.description, end: fresh.endDate.description, except: sessionID) {
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
        case .institution(let mine) where mine.lowercased() == s.institutionId.lowercased: break
        default: throw ServiceError.forbidden
        }
        return try await db.read { conn in try TrainingRepository(conn).roster(session: id) }.map(RosterEntry.init)
    }

    /// Attendance of one day of a session in progress; the day must be one of the session's.
    public func recordAttendance(_ call: CallContext, session id: UUID, _ input: AttendanceInput) async throws -> [RosterEntry] {
        let s = try await ownSession(call, id: id)
        var v = Validator()
        let dayField = v.date(input.day, "day")
        let plan = s.plan
        if let day = dayField, day < plan.start || day > plan.end {
            v.add("day", "outside_session", zh: "日期不在培训班日期（\(s.startDate)至\(s.endDate)）内", en: "not a day of the session")
        }
        var entries: [(UUID, Bool, String?)] = []
        for (i, e) in input.entries.enumerated() {
            // R-WAVE-8: a make-up date marks an approved absence made up, on or after the day.
            var madeUp: CivilDate?
            if let raw = e.madeUpOn {
                madeUp = v.date(raw, "entries[\(i)].madeUpOn")
                if e.present {
                    v.add("entries[\(i)].madeUpOn", "not_allowed", zh: "出勤者无需补课", en: "only for an absence")
                } else if let m = madeUp, let day = dayField, m < day {
                    v.add("entries[\(i)].madeUpOn", "before_day", zh: "补课日期不能早于缺勤日", en: "must not be before the day missed")
                } else if let m = madeUp, m > today {
                    v.add("entries[\(i)].madeUpOn", "in_future", zh: "补课日期不能晚于今天", en: "must not be in the future")
                }
            }
            if let uuid = UUID(uuidString: e.enrollmentId) { entries.append((uuid, e.present, madeUp?.description)) } else {
                v.add("entries[\(i)].enrollmentId", "invalid", zh: "报名编号无效", en: "invalid enrollment id")
            }
        }
        let day = try v.finish(dayField)
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
            // Issue 11 §3: nobody is present in two classrooms on one day.
            let elsewhere = Set(try repo.presentElsewhere(enrollments: marked.filter(\.1).map(\.0), day: day.description, except: id))
            if !elsewhere.isEmpty {
                throw ServiceError.validation(marked.enumerated().filter { elsewhere.contains($0.element.0) }.map {
                    FieldError(field: "entries[\($0.offset)].present", code: "present_elsewhere", message: LocalizedText(
                        zh: "该学员 \(day) 已在另一培训班记为出勤", en: "recorded present in another session on \(day)"))
                })
            }
            let n = try repo.recordAttendance(session: id, day: day.description, entries: marked)
            try audit.record(action: "session.attendance", entityType: "training_session", entityID: s.id.lowercased, change: [
                "day": .string(day.description), "present": .int(marked.filter(\.1).count), "recorded": .int(n),
            ])
            return try repo.roster(session: id).map(RosterEntry.init)
        }
    }

    /// A completion record by its code: the minimum that proves it (no ID number).
    public func verifyCompletion(code: String) async throws -> CompletionRecord {
        let code = code.trimmedCell.uppercased()
        guard code.count == 10 else { throw ServiceError.notFound(entity: "training_record") }
        guard let record = try await db.read({ conn in try TrainingRepository(conn).completionRecord(code: code) }) else {
            throw ServiceError.notFound(entity: "training_record")
        }
        return CompletionRecord(
            name: record["name"] ?? "", waveTitle: record["waveTitle"] ?? "", year: record["year"] ?? "",
            institution: record["institution"] ?? "", startDate: record["startDate"] ?? "", endDate: record["endDate"] ?? "",
            completedOn: record["completedOn"] ?? "", code: record["code"] ?? "")
    }
}
