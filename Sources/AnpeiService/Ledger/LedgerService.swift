import AnpeiDomain
import AnpeiStore
import Foundation

/// The workers' training-hours ledger (R-HOURS-1/2/3, R-EMP-3): enterprises
/// record training events with their attendees; each worker's status for a
/// date comes from the events and `HoursRules`, computed, never stored.
public struct LedgerService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let gate: ImportGate

    public init(db: UnitOfWork, config: ServiceConfig, gate: ImportGate = ImportGate()) {
        self.db = db
        self.config = config
        self.gate = gate
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// The largest attendance list of one event (a whole plant's annual refresher).
    public static let maxAttendees = 10_000

    /// Enterprises keep their own ledger; administrators any.
    func authorizeWrite(_ call: CallContext) throws {
        guard call.principal.role == .admin || call.principal.role == .enterprise else { throw ServiceError.forbidden }
    }

    static func view(_ r: TrainingEventRow, added: Int? = nil) -> TrainingEventView {
        TrainingEventView(id: r.id.lowercased, enterpriseId: r.enterpriseId.lowercased, enterpriseName: r.enterpriseName, kind: r.kind,
                          kindLabel: HoursRules.Kind(rawValue: r.kind)?.label.zh ?? r.kind, date: r.date.description, hours: r.hours,
                          trainer: r.trainer, title: r.title, attendees: r.attendees, added: added)
    }

    /// The checked fields of an event, shared by the single record and the file.
    struct EventFields {
        var kind: HoursRules.Kind
        var date: CivilDate
        var hours: Int
        var trainer: String
        var title: String
    }

    static func checkEvent(_ v: inout Validator, kind: String, date: String, hours: Int?, trainer: String?, title: String?,
                           today: CivilDate) -> EventFields? {
        let k = HoursRules.Kind(keyOrLabel: kind.trimmingCharacters(in: .whitespaces))
        if k == nil {
            v.add("kind", "invalid_kind", zh: "培训类别须为：" + HoursRules.Kind.allCases.map(\.label.zh).joined(separator: "、"),
                  en: "one of " + HoursRules.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let d = v.date(date, "date")
        if let d, d > today { v.add("date", "in_future", zh: "培训日期不能晚于今天", en: "must not be in the future") }
        if let h = hours, !(1...200).contains(h) {
            v.add("hours", "out_of_range", zh: "学时须在1到200之间", en: "class hours between 1 and 200")
        } else if hours == nil {
            v.add("hours", "required", zh: "此项必填（整数学时）", en: "required (whole class hours)")
        }
        let trainer = v.text(trainer ?? "", "trainer", max: 200, required: false) ?? ""
        let title = v.text(title ?? "", "title", max: 200, required: false) ?? ""
        guard let k, let d, let h = hours, (1...200).contains(h) else { return nil }
        return EventFields(kind: k, date: d, hours: h, trainer: trainer, title: title)
    }

    public func record(_ call: CallContext, _ input: TrainingEventInput) async throws -> TrainingEventView {
        try authorizeWrite(call)
        var v = Validator()
        let enterprise = v.uuid(input.enterpriseId, "enterpriseId")
        let fields = Self.checkEvent(&v, kind: input.kind, date: input.date, hours: input.hours, trainer: input.trainer, title: input.title,
                                     today: today)
        var people: [UUID] = []
        if input.attendees.isEmpty { v.add("attendees", "required", zh: "至少一名参训人员", en: "at least one attendee") }
        if input.attendees.count > Self.maxAttendees {
            v.add("attendees", "too_many", zh: "一次最多\(Self.maxAttendees)人", en: "at most \(Self.maxAttendees) attendees")
        } else {
            for (i, a) in input.attendees.enumerated() {
                if let id = v.uuid(a, "attendees[\(i)]") { people.append(id) }
            }
        }
        try v.finish()
        guard let enterprise, let fields else { throw ServiceError.internal }
        let unique = Array(Set(people))
        let scope = ScopeFilter(call.principal.scope)
        return try await db.write(call) { conn, audit in
            guard try EnterpriseRepository(conn).find(id: enterprise, scope: scope) != nil else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = LedgerRepository(conn)
            let eligible = try repo.attendable(enterprise: enterprise, people: unique, on: fields.date)
            let strangers = input.attendees.enumerated().filter { UUID(uuidString: $0.element).map { !eligible.contains($0) } ?? false }
            guard strangers.isEmpty else {
                throw ServiceError.validation(strangers.prefix(100).map { FieldError(field: "attendees[\($0.offset)]", code: "not_employed",
                    message: LocalizedText(zh: "该人员在培训日期后不在本单位任职（含劳务派遣、灵活用工、外包人员）",
                                           en: "not employed by the enterprise on or after the training date")) })
            }
            let event = try repo.upsertEvent(enterprise: enterprise, kind: fields.kind, on: fields.date, hours: fields.hours,
                                             trainer: fields.trainer, title: fields.title, by: audit.actor.name)
            let added = try repo.addAttendees(event: event.id, people: unique)
            try audit.record(action: event.created ? "training_event.recorded" : "training_event.attendees_added", entityType: "training_event",
                             entityID: event.id.lowercased, change: [
                                "enterprise": .string(enterprise.lowercased), "kind": .string(fields.kind.rawValue),
                                "date": .string(fields.date.description), "hours": .int(fields.hours), "added": .int(added),
                             ])
            return Self.view(try written(repo.find(event: event.id, scope: ScopeFilter(.all))), added: added)
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> TrainingEventView {
        let scope = ScopeFilter(call.principal.scope)
        guard let row = try await db.read({ conn in try LedgerRepository(conn).find(event: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "training_event")
        }
        return Self.view(row)
    }

    public func events(_ call: CallContext, enterpriseID: UUID?, personID: UUID?, kind: String?, from: CivilDate?, to: CivilDate?,
                       limit: Int, offset: Int) async throws -> [TrainingEventView] {
        if let kind, HoursRules.Kind(rawValue: kind) == nil {
            throw ServiceError.validation([FieldError(field: "kind", code: "invalid_kind", message: LocalizedText(
                zh: "培训类别无效", en: "one of " + HoursRules.Kind.allCases.map(\.rawValue).joined(separator: ", ")))])
        }
        let scope = ScopeFilter(call.principal.scope)
        return try await db.read { conn in
            try LedgerRepository(conn).events(scope: scope, enterprise: enterpriseID, person: personID, kind: kind, from: from, to: to,
                                              limit: limit, offset: offset)
        }.map { Self.view($0) }
    }

    /// Each current worker's status on `date` (default today), in name order.
    public func hours(_ call: CallContext, enterprise id: UUID, on date: CivilDate?) async throws -> [WorkerHours] {
        let on = date ?? today
        let scope = ScopeFilter(call.principal.scope)
        return try await db.read { conn in
            guard try EnterpriseRepository(conn).find(id: id, scope: scope) != nil else { throw ServiceError.notFound(entity: "enterprise") }
            return try Self.hoursTable(conn, enterprise: id, on: on)
        }
    }

    static func hoursTable(_ conn: PGConnection, enterprise id: UUID, on date: CivilDate) throws -> [WorkerHours] {
        let repo = LedgerRepository(conn)
        guard let facts = try repo.trainingFacts(enterprise: id) else { return [] }
        let highRisk = HighRisk.derive(sectorFlags: [facts.sectorHighRisk], override: facts.override)
        return try repo.workers(enterprise: id, on: date).map { status($0, highRisk: highRisk, on: date) }
    }

    /// One worker's status from the rules of `HoursRules`.
    static func status(_ w: LedgerWorkerRow, highRisk: Bool, on date: CivilDate) -> WorkerHours {
        let first = HoursRules.firstDay(spells: w.spells.map { ($0.start, $0.end) }) ?? (date, nil)
        let management = HoursRules.isManagement(Set(w.roles))
        let events = w.events.compactMap { e in HoursRules.Kind(rawValue: e.kind).map { HoursRules.Event(kind: $0, date: e.date, hours: e.hours) } }
        // A recorded change before the (perhaps corrected) first day is covered by the initial training.
        let changed = HoursRules.latestChange(w.postChangedOn.flatMap { $0 >= first.started ? $0 : nil }, first.returnedOn)
        let shortfalls = HoursRules.shortfalls(events: events, started: first.started, postChangedOn: changed, management: management,
                                               highRisk: highRisk, on: date)
        return WorkerHours(
            personId: w.personId.lowercased, name: w.name, roles: w.roles.map(\.rawValue), post: w.post, startedOn: first.started.description,
            postChangedOn: changed?.description, management: management, highRisk: highRisk,
            initialRequired: HoursRules.initialHours(management: management, highRisk: highRisk),
            initialRecorded: HoursRules.initialRecorded(events: events, started: first.started),
            annualRequired: HoursRules.annualHours(management: management, highRisk: highRisk),
            thisYearRecorded: events.filter { $0.date.year == date.year }.reduce(0) { $0 + $1.hours },
            totalRecorded: events.reduce(0) { $0 + $1.hours },
            untrainedAtStart: shortfalls.contains { if case .untrainedAtStart = $0 { true } else { false } }, offPost: w.offPost,
            shortfalls: shortfalls.map { WorkerHours.Shortfall(rule: $0.rule, code: $0.code, message: $0.message.zh) })
    }

    /// The hours table as CSV (UTF-8 with BOM).
    public static func hoursCSV(_ rows: [WorkerHours]) -> String {
        CSVExport.document(
            headers: ["姓名", "岗位", "入职日期", "转岗/复岗日期", "人员类别", "高危行业", "上岗前应训学时", "上岗前已训学时", "每年应训学时",
                      "本年已训学时", "累计学时", "未培训先上岗", "脱岗再培训中", "欠缺"],
            rows: rows.map { w in
                [w.name, w.post, w.startedOn, w.postChangedOn ?? "", w.management ? "主要负责人/安全管理人员" : "从业人员", w.highRisk ? "是" : "否",
                 String(w.initialRequired), String(w.initialRecorded), w.annualRequired.map(String.init) ?? "", String(w.thisYearRecorded),
                 String(w.totalRecorded), w.untrainedAtStart ? "是" : "否", w.offPost ? "是" : "否",
                 w.shortfalls.map(\.message).joined(separator: "；")]
            })
    }
}
