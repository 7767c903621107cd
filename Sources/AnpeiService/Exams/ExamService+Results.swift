import AnpeiDomain
import AnpeiStore
import Foundation

/// Results entered from paper exams, proctors' one-time codes, listings and
/// the anti-fraud report.
extension ExamService {
    /// A paper exam's score sheet: every row valid or nothing written. Marked `paper`.
    public func recordPaperResults(_ call: CallContext, _ input: PaperResultInput) async throws -> PaperResultOutcome {
        let proctor: UUID?
        switch call.principal.scope {
        case .all: proctor = nil
        case .institution(let id): proctor = UUID(uuidString: id)
        // R-3V-3: an inspector enters the spot exam's score sheet.
        case .region where call.principal.role == .regulator && input.purpose == "spot_check": proctor = nil
        default: throw ServiceError.forbidden
        }
        let callerScope = ScopeFilter(call.principal.scope)
        let regulator = call.principal.role == .regulator
        var v = Validator()
        let dateField = v.date(input.date, "date")
        if !AttemptRules.purposes.contains(input.purpose) {
            v.add("purpose", "invalid_purpose", zh: "用途须为：" + AttemptRules.purposes.joined(separator: "、"), en: "unknown purpose")
        }
        if !(1...5_000).contains(input.rows.count) { v.add("rows", "out_of_range", zh: "须有1至5000行成绩", en: "1–5,000 rows") }
        var rows: [(person: UUID, subject: UUID?, score: Double)] = []
        for (i, r) in input.rows.enumerated() {
            let p = v.uuid(r.personId, "rows[\(i)].personId")
            let s = v.uuid(r.subjectId, "rows[\(i)].subjectId")
            if let p { rows.append((p, s, r.score)) }
        }
        let date = try v.finish(dateField)
        let sheet = rows
        let now = config.now()
        if date > CivilDate.today(at: now) {
            throw ServiceError.validation([FieldError(field: "date", code: "in_future", message: LocalizedText(zh: "考试日期不能晚于今天", en: "must not be in the future"))])
        }
        return try await db.write(call) { conn, audit in
            guard let bp = try BlueprintRepository(conn).find(id: input.blueprintId), bp.institutionID == nil || bp.institutionID == proctor else {
                throw ServiceError.validation([FieldError(field: "blueprintId", code: "unknown_blueprint", message: LocalizedText(zh: "试卷蓝图不存在", en: "no such blueprint"))])
            }
            let blueprint = bp.blueprint
            guard let bank = try BankRepository(conn).find(id: blueprint.bank), bank.version > 0 else { throw ServiceError.internal }
            let attempts = AttemptRepository(conn)
            var errors: [FieldError] = []
            var ids: [String] = []
            var passed = 0
            for (i, r) in sheet.enumerated() {
                if !(r.score >= 0 && r.score <= blueprint.totalPoints) {
                    errors.append(FieldError(field: "rows[\(i)].score", code: "out_of_range", message: LocalizedText(
                        zh: "成绩须在0至\(blueprint.totalPoints)之间", en: "0–\(blueprint.totalPoints)")))
                    continue
                }
                do {
                    if regulator, try r.subject.map({ try InspectionRepository(conn).find(id: $0, scope: callerScope) }) == nil {
                        throw ServiceError.notFound(entity: "inspection")
                    }
                    try self.checkSubject(conn, personID: r.person, purpose: input.purpose, subject: r.subject, blueprint: blueprint, proctor: proctor)
                } catch ServiceError.validation(let e) {
                    errors += e.map { FieldError(field: "rows[\(i)].\($0.field)", code: $0.code, message: $0.message) }
                    continue
                } catch ServiceError.notFound(let entity) {
                    errors.append(FieldError(field: "rows[\(i)].personId", code: "unknown_\(entity)", message: LocalizedText(
                        zh: "第\(i + 1)行：考生或考试对象不存在或不在权限范围内", en: "row \(i + 1): no such \(entity) in scope")))
                    continue
                }
                let earlier = try attempts.earlier(personID: r.person, blueprintID: blueprint.id, purpose: input.purpose, subjectID: r.subject,
                                                   since: try Self.cycleStart(conn, purpose: input.purpose, subject: r.subject, on: date),
                                                   // R-3V-4: hours recorded after two fails open a new round, on paper as online.
                                                   startedAfter: try Self.retrainingRound(conn, purpose: input.purpose, subject: r.subject))
                guard case .start(let number) = AttemptRules.mayStart(earlier: earlier, retakes: blueprint.retakes) else {
                    errors.append(FieldError(field: "rows[\(i)]", code: "attempt_not_allowed", message: LocalizedText(
                        zh: "第\(i + 1)行：该考生已通过、正在考试或已用完补考机会（R-CERT-9）", en: "row \(i + 1): passed, open, or out of retakes")))
                    continue
                }
                let ok = AttemptRules.passed(score: r.score, passMark: blueprint.passMark)
                let id = try attempts.insert(NewAttempt(
                    personID: r.person, blueprint: blueprint, bankVersion: bank.version, purpose: input.purpose, subjectID: r.subject,
                    attemptNumber: number, mode: "paper", seed: nil, usageBasis: nil, paper: nil, startedAt: now, deadline: nil, examDate: date,
                    clientAddress: nil, userAgent: nil, startedBy: call.principal.username, institutionID: proctor))
                try attempts.submit(attemptID: id, scores: [], total: r.score, passed: ok, at: now, auto: false)
                _ = try SpotExamCases.openIfFailed(conn, personID: r.person, purpose: input.purpose, subject: r.subject, attemptID: id,
                                                   passed: ok, examDate: date, by: audit.actor.name)
                ids.append(id.uuidString.lowercased())
                if ok { passed += 1 }
            }
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            try audit.record(action: "exam.paper_results", entityType: "blueprint", entityID: blueprint.id, change: [
                "date": .string(date.description), "purpose": .string(input.purpose), "rows": .int(ids.count), "passed": .int(passed),
            ])
            return PaperResultOutcome(recorded: ids.count, passed: passed, attemptIds: ids)
        }
    }

    /// One-time codes for an exam room: an institution for people enrolled with it.
    public func issueCodes(_ call: CallContext, _ input: AttemptCodeRequest) async throws -> AttemptCodes {
        guard case .institution(let raw) = call.principal.scope, let institution = UUID(uuidString: raw) else { throw ServiceError.forbidden }
        var v = Validator()
        let subject = v.uuid(input.subjectId, "subjectId")
        let people = input.personIds.enumerated().compactMap { v.uuid($0.element, "personIds[\($0.offset)]") }
        if !(1...500).contains(input.personIds.count) { v.add("personIds", "out_of_range", zh: "每次1至500名考生", en: "1–500 people") }
        let minutes = input.validMinutes ?? 240
        if !(5...1_440).contains(minutes) { v.add("validMinutes", "out_of_range", zh: "有效时间须在5至1440分钟之间", en: "5–1440 minutes") }
        try v.finish()
        let expires = config.now().addingTimeInterval(Double(minutes) * 60)
        return try await db.write(call) { conn, audit in
            guard let bp = try BlueprintRepository(conn).find(id: input.blueprintId), bp.institutionID == nil || bp.institutionID == institution else {
                throw ServiceError.validation([FieldError(field: "blueprintId", code: "unknown_blueprint", message: LocalizedText(zh: "试卷蓝图不存在", en: "no such blueprint"))])
            }
            var codes: [AttemptCodes.Code] = []
            for person in people {
                try self.checkSubject(conn, personID: person, purpose: input.purpose, subject: subject, blueprint: bp.blueprint, proctor: institution)
                // 12 characters from an alphabet without look-alikes (0/O, 1/I).
                let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                var g = SystemRandomNumberGenerator()
                let code = String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
                try AttemptCodeRepository(conn).insert(hash: Self.keyHash(code), institutionID: institution, personID: person,
                                                       blueprintID: bp.blueprint.id, purpose: input.purpose, subjectID: subject,
                                                       by: call.principal.username, expiresAt: expires)
                codes.append(.init(personId: person.uuidString.lowercased(), code: code))
            }
            try audit.record(action: "exam.codes_issued", entityType: "blueprint", entityID: bp.blueprint.id, change: [
                "count": .int(codes.count), "purpose": .string(input.purpose), "expiresAt": .string(ISO8601DateFormatter().string(from: expires)),
            ])
            return AttemptCodes(expiresAt: expires, codes: codes)
        }
    }

    public func list(_ call: CallContext, personID: String?, purpose: String?, subjectID: String?, limit: Int, offset: Int) async throws -> [AttemptView] {
        var v = Validator()
        let person = v.uuid(personID, "personId")
        let subject = v.uuid(subjectID, "subjectId")
        try v.finish()
        let scope = ScopeFilter(call.principal.scope)
        return try await db.read { conn in
            try AttemptRepository(conn).list(personID: person, purpose: purpose, subjectID: subject, scope: scope, limit: limit, offset: offset)
                .map { var view = try self.view(conn, $0, answers: []); view.items = []; return view }
        }
    }

    /// Many candidates from one address in one window; attempts finished implausibly fast.
    public func fraudReport(_ call: CallContext, from: Date, to: Date) async throws -> [FraudSignal] {
        let scope = ScopeFilter(call.principal.scope)
        switch call.principal.role {
        case .admin, .regulator, .institution: break
        default: throw ServiceError.forbidden
        }
        return try await db.read { conn in
            let visible: SQL = scope.institutionID.map { "a.institution_id = \($0)" } ?? scope.visible(.person(id: "a.person_id"))
            return try ExamStatsRepository(conn).fraud(from: from, to: to, thresholds: .init(), scope: visible).map {
                FraudSignal(kind: $0.kind, clientAddress: $0.clientAddress, candidates: $0.candidates,
                            attemptIds: $0.attemptIDs.map { $0.uuidString.lowercased() }, from: $0.from, to: $0.to)
            }
        }
    }
}
