import AnpeiDomain
import AnpeiStore
import Foundation

extension DrillService {
    static let scenarios = ["fire", "gas_leak", "earthquake", "flooding", "underground_evacuation", "other"]

    var today: CivilDate { CivilDate.today(at: config.now()) }

    static func view(_ r: DrillRow) -> DrillView {
        DrillView(id: r.id.uuidString.lowercased(), enterpriseId: r.enterpriseId.uuidString.lowercased(), enterpriseName: r.enterpriseName,
                  date: r.date.description, time: r.time, scenario: r.scenario, recorded: r.recorded,
                  areas: r.areas.map { .init(areaId: $0.areaId?.uuidString.lowercased(), kind: $0.kind, name: $0.name, headcount: $0.headcount,
                                             participants: $0.participants) },
                  evacuationSeconds: r.evacuationSeconds, problems: r.problems, fixes: r.fixes, organiser: r.organiser, evidence: r.evidence)
    }

    /// The checked drill, and its areas with participants (ids resolved against the enterprise's areas by the caller).
    func check(_ input: DrillInput, recorded: Bool) throws -> (NewDrill, [(id: UUID, participants: Int)]) {
        var v = Validator()
        let enterprise = v.uuid(input.enterpriseId, "enterpriseId")
        let date = v.date(input.date, "date")
        if let time = input.time, time.range(of: "^([01][0-9]|2[0-3]):[0-5][0-9]$", options: .regularExpression) == nil {
            v.add("time", "invalid_time", zh: "时间格式为 HH:MM", en: "HH:MM")
        }
        if !Self.scenarios.contains(input.scenario) {
            v.add("scenario", "invalid_scenario", zh: "演练情景须为：" + Self.scenarios.joined(separator: "、"), en: "one of " + Self.scenarios.joined(separator: ", "))
        }
        if recorded, let d = date, d > today { v.add("date", "in_future", zh: "已开展的演练日期不能晚于今天", en: "a drill held is not in the future") }
        if input.areas.isEmpty { v.add("areas", "required", zh: "至少一个区域", en: "at least one area") }
        if input.areas.count > 100 { v.add("areas", "too_many", zh: "最多100个区域", en: "at most 100 areas") }
        var areas: [(UUID, Int)] = []
        for (i, a) in input.areas.prefix(100).enumerated() {
            let id = v.uuid(a.areaId, "areas[\(i)].areaId")
            let n = a.participants ?? 0
            if recorded, a.participants == nil { v.add("areas[\(i)].participants", "required", zh: "请填写参加人数", en: "required for a drill held") }
            if !(0...1_000_000).contains(n) { v.add("areas[\(i)].participants", "out_of_range", zh: "人数0至1000000", en: "0 to 1,000,000") }
            if let id { areas.append((id, n)) }
        }
        if Set(areas.map(\.0)).count != areas.count { v.add("areas", "duplicate_area", zh: "区域重复", en: "an area is listed twice") }
        if let s = input.evacuationSeconds {
            if !recorded { v.add("evacuationSeconds", "not_allowed", zh: "计划中的演练没有疏散用时", en: "a planned drill has no evacuation time") }
            if !(1...86_400).contains(s) { v.add("evacuationSeconds", "out_of_range", zh: "疏散用时1至86400秒", en: "1 to 86,400 seconds") }
        }
        let problems = v.text(input.problems ?? "", "problems", max: 2_000, required: false, multiline: true) ?? ""
        let fixes = v.text(input.fixes ?? "", "fixes", max: 2_000, required: false, multiline: true) ?? ""
        let organiser = v.text(input.organiser ?? "", "organiser", max: 200, required: false) ?? ""
        let evidence = v.text(input.evidence ?? "", "evidence", max: 500, required: false) ?? ""
        let (e, d) = try v.finish(enterprise, date)
        return (NewDrill(enterpriseID: e, date: d, time: input.time, scenario: input.scenario, recorded: recorded,
                         evacuationSeconds: recorded ? input.evacuationSeconds : nil, problems: problems, fixes: fixes, organiser: organiser,
                         evidence: evidence), areas)
    }

    static func resolve(_ areas: [(id: UUID, participants: Int)], among known: [DrillAreaRow]) throws -> [(area: DrillAreaRow, participants: Int)] {
        var out: [(area: DrillAreaRow, participants: Int)] = []
        var errors: [FieldError] = []
        for (i, a) in areas.enumerated() {
            guard let area = known.first(where: { $0.id == a.id }) else {
                errors.append(FieldError(field: "areas[\(i)].areaId", code: "unknown_area", message: LocalizedText(zh: "该单位没有此区域", en: "not an area of the enterprise")))
                continue
            }
            out.append((area, a.participants))
        }
        if !errors.isEmpty { throw ServiceError.validation(errors) }
        return out
    }

    func authorizeWrite(_ call: CallContext) throws {
        guard call.principal.role == .admin || call.principal.role == .enterprise else { throw ServiceError.forbidden }
    }

    /// Plans a drill (`recorded` false or absent) or records one held.
    public func create(_ call: CallContext, _ input: DrillInput) async throws -> DrillView {
        try authorizeWrite(call)
        let (drill, areas) = try check(input, recorded: input.recorded ?? false)
        let scope = ScopeFilter(call.principal.scope)
        return try await db.write(call) { conn, audit in
            guard try EnterpriseRepository(conn).find(id: drill.enterpriseID, scope: scope) != nil else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = DrillRepository(conn)
            let resolved = try Self.resolve(areas, among: try repo.areas(enterprise: drill.enterpriseID))
            let id = try repo.insert(drill, areas: resolved, by: audit.actor.name)
            try audit.record(action: drill.recorded ? "drill.recorded" : "drill.planned", entityType: "drill", entityID: id.uuidString.lowercased(),
                             change: ["enterprise": .string(drill.enterpriseID.uuidString.lowercased()), "date": .string(drill.date.description),
                                      "areas": .int(resolved.count)])
            return Self.view(try written(repo.find(id, scope: ScopeFilter(.all))))
        }
    }

    /// Records a planned drill as held (its day, areas and participants as they turned out).
    public func recordPlanned(_ call: CallContext, id: UUID, _ input: DrillInput) async throws -> DrillView {
        let scope = ScopeFilter(call.principal.scope)
        guard try await db.read({ conn in try DrillRepository(conn).find(id, scope: scope) }) != nil else { throw ServiceError.notFound(entity: "drill") }
        try authorizeWrite(call)
        let (drill, areas) = try check(input, recorded: true)
        return try await db.write(call) { conn, audit in
            let repo = DrillRepository(conn)
            guard let row = try repo.find(id, scope: scope, forUpdate: true) else { throw ServiceError.notFound(entity: "drill") }
            guard !row.recorded else {
                throw ServiceError.conflict(code: "drill_recorded", field: nil, message: LocalizedText(zh: "该演练已记录", en: "the drill is recorded already"))
            }
            guard row.enterpriseId == drill.enterpriseID else {
                throw ServiceError.validation([FieldError(field: "enterpriseId", code: "different_enterprise", message: LocalizedText(
                    zh: "须为计划演练的同一单位", en: "the planned drill's enterprise"))])
            }
            let resolved = try Self.resolve(areas, among: try repo.areas(enterprise: drill.enterpriseID))
            try repo.record(id, drill, areas: resolved, by: audit.actor.name)
            try audit.record(action: "drill.recorded", entityType: "drill", entityID: id.uuidString.lowercased(),
                             change: ["date": .string(drill.date.description), "areas": .int(resolved.count)])
            return Self.view(try written(repo.find(id, scope: ScopeFilter(.all))))
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> DrillView {
        let scope = ScopeFilter(call.principal.scope)
        guard let row = try await db.read({ conn in try DrillRepository(conn).find(id, scope: scope) }) else { throw ServiceError.notFound(entity: "drill") }
        return Self.view(row)
    }

    public func list(_ call: CallContext, enterpriseID: UUID?, year: Int?, limit: Int, offset: Int) async throws -> [DrillView] {
        let scope = ScopeFilter(call.principal.scope)
        let from = year.flatMap { CivilDate(year: $0, month: 1, day: 1) }
        let to = year.map { CivilDate.lastDay(of: $0) }
        return try await db.read { conn in
            try DrillRepository(conn).list(scope: scope, enterprise: enterpriseID, from: from, to: to, limit: limit, offset: offset)
        }.map(Self.view)
    }

    /// The enterprise's duties for `year` and their status on `date` (default
    /// today, or 31 December of a past year), by the rule set of its place.
    public func schedule(_ call: CallContext, enterprise id: UUID, year: Int?, on date: CivilDate?) async throws -> DrillScheduleView {
        let now = today
        let y = year ?? date?.year ?? now.year
        // The year's range is QueryReader's (InputLimits), as the contract documents it.
        let on = date ?? min(now, CivilDate.lastDay(of: y))
        let scope = ScopeFilter(call.principal.scope)
        return try await db.read { conn in
            guard let e = try EnterpriseRepository(conn).find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = DrillRepository(conn)
            let stored = try DrillRuleRepository(conn).all()
            guard let rule = DrillRuleSet.select(stored.map(\.rules), region: e.regionCode, on: CivilDate(year: y, month: 1, day: 1)!),
                  let named = stored.first(where: { $0.rules.id == rule.id }) else { throw ServiceError.notFound(entity: "drill_rule_set") }
            let facts = try repo.facts(enterprise: id)
            let areas = try repo.areas(enterprise: id).map {
                DrillSchedule.Area(id: $0.id.uuidString, kind: AreaKind(rawValue: $0.kind) ?? .production, name: $0.name, headcount: $0.headcount)
            }
            let drills = try repo.list(scope: ScopeFilter(.all), enterprise: id, from: CivilDate(year: y, month: 1, day: 1), to: CivilDate.lastDay(of: y),
                                       limit: 10_000, offset: 0).map { d in
                DrillSchedule.Drill(
                    date: d.date, participants: Dictionary(d.areas.compactMap { a in a.areaId.map { ($0.uuidString, a.participants) } }, uniquingKeysWith: +),
                    headcounts: Dictionary(d.areas.compactMap { a in a.areaId.map { ($0.uuidString, a.headcount) } }, uniquingKeysWith: max),
                    recorded: d.recorded)
            }
            // The sector flag as it is now: the registry keeps no history of sectors yet.
            let scheduleFacts = DrillSchedule.Facts(closedOn: facts.closedOn, highRisk: [(CivilDate(year: 1900, month: 1, day: 1)!, facts.highRisk)])
            let slots = DrillSchedule.slots(year: y, rule: rule, facts: scheduleFacts, areas: areas).map { slot in
                let s = DrillSchedule.status(slot, rule: rule, facts: scheduleFacts, areas: areas, drills: drills, on: on)
                return DrillScheduleView.Slot(period: slot.period.label, due: slot.period.end.description, areaId: slot.area?.id.lowercased(),
                                              areaKind: slot.area?.kind.rawValue, areaName: slot.area?.name, headcount: slot.area?.headcount,
                                              state: s.state.rawValue, code: s.code, reason: s.reason.zh, date: s.date?.description)
            }
            return DrillScheduleView(enterpriseId: e.id, enterpriseName: e.name, year: y, date: on.description, highRiskDrill: facts.highRisk,
                                     rule: Self.view(named), slots: slots)
        }
    }
}
