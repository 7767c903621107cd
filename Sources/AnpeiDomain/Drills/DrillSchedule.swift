/// R-DRILL-1: the drills an enterprise owes in a year and where each stands on
/// a date. Pure: the facts come in, the slots and their status come out.
public enum DrillSchedule {
    public struct Area: Codable, Sendable, Equatable {
        public var id: String
        public var kind: AreaKind
        public var name: String
        public var headcount: Int
        public init(id: String, kind: AreaKind, name: String, headcount: Int) {
            self.id = id
            self.kind = kind
            self.name = name
            self.headcount = headcount
        }
    }

    /// What the schedule needs to know of the enterprise over the year.
    public struct Facts: Sendable, Equatable {
        /// The day it became active (registered, or joined the jurisdiction); nil: before the year.
        public var activeFrom: CivilDate?
        public var closedOn: CivilDate?
        /// Its `high_risk_drill` flag from each day on, oldest first (a sector change mid-year adds one).
        public var highRisk: [(from: CivilDate, value: Bool)]
        public init(activeFrom: CivilDate? = nil, closedOn: CivilDate? = nil, highRisk: [(from: CivilDate, value: Bool)]) {
            self.activeFrom = activeFrom
            self.closedOn = closedOn
            self.highRisk = highRisk
        }

        public func highRisk(on date: CivilDate) -> Bool {
            highRisk.last { $0.from <= date }?.value ?? false
        }

        public static func == (a: Facts, b: Facts) -> Bool {
            a.activeFrom == b.activeFrom && a.closedOn == b.closedOn
                && a.highRisk.map(\.from) == b.highRisk.map(\.from) && a.highRisk.map(\.value) == b.highRisk.map(\.value)
        }
    }

    /// A drill held (recorded) or planned: participants per area id, and the
    /// areas' headcount on the day where it was kept (else today's is used).
    public struct Drill: Codable, Sendable, Equatable {
        public var date: CivilDate
        public var participants: [String: Int]
        public var headcounts: [String: Int]
        public var recorded: Bool
        public init(date: CivilDate, participants: [String: Int], headcounts: [String: Int] = [:], recorded: Bool) {
            self.date = date
            self.participants = participants
            self.headcounts = headcounts
            self.recorded = recorded
        }
    }

    /// One duty: an area (nil where the rule is per enterprise) in a period.
    public struct Slot: Sendable, Equatable {
        public var area: Area?
        public var period: DrillPeriod
        public init(area: Area?, period: DrillPeriod) {
            self.area = area
            self.period = period
        }
    }

    /// The periods owed in `year`: the halves in which the enterprise's rule
    /// asks for a drill per half-year (a high-risk half), else the year. A year
    /// with one high-risk half needs only that half's drill: it also meets the
    /// yearly duty. Whether the flag holds for a half is read on its last
    /// active day, so a sector change mid-year moves the duty with it.
    public static func periods(year: Int, rule: DrillRuleSet, facts: Facts) -> [DrillPeriod] {
        let halves = DrillPeriod.halves(of: year).filter { h in
            let last = facts.closedOn.map { min($0, h.end) } ?? h.end
            let perYear = facts.highRisk(on: last) ? rule.perYearHighRisk : rule.perYear
            return perYear >= 2
        }
        return halves.isEmpty ? [DrillPeriod(year: year, kind: .year)] : halves
    }

    /// The slots of `year`: per period, each area with staff (per-area rules) or the enterprise.
    public static func slots(year: Int, rule: DrillRuleSet, facts: Facts, areas: [Area]) -> [Slot] {
        let periods = periods(year: year, rule: rule, facts: facts)
        switch rule.scope {
        case .perEnterprise: return periods.map { Slot(area: nil, period: $0) }
        case .perArea: return periods.flatMap { p in areas.map { Slot(area: $0, period: p) } }
        }
    }

    public enum State: String, Codable, Sendable {
        case planned, due, done, overdue
        /// Nothing owed: the enterprise was not yet active, closed, or the area has no staff.
        case notDue = "not_due"
    }

    public struct Status: Sendable, Equatable {
        public var state: State
        /// A stable code for the reason (e.g. `participation_below_share`).
        public var code: String
        public var reason: LocalizedText
        /// The drill that met the duty, or the planned one.
        public var date: CivilDate?
    }

    /// Whether a recorded drill meets the slot: in its period, with
    /// participants reaching the share of the headcount (of the area, or of
    /// all areas for a per-enterprise rule). Returns the share reached.
    public static func share(of drill: Drill, for slot: Slot, areas: [Area]) -> Double? {
        guard slot.period.contains(drill.date) else { return nil }
        let covered = slot.area.map { [$0] } ?? areas
        func staff(_ a: Area) -> Int { drill.headcounts[a.id] ?? a.headcount }
        let headcount = covered.reduce(0) { $0 + staff($1) }
        guard headcount > 0 else { return nil }
        let present = covered.reduce(0) { $0 + min(drill.participants[$1.id] ?? 0, staff($1)) }
        if slot.area != nil, drill.participants[slot.area!.id] == nil { return nil }
        return Double(present) / Double(headcount)
    }

    public static func status(_ slot: Slot, rule: DrillRuleSet, facts: Facts, areas: [Area], drills: [Drill], on date: CivilDate) -> Status {
        let p = slot.period
        let end = p.end.description
        let counting = drills.filter { $0.recorded && $0.date <= date }
            .compactMap { d in share(of: d, for: slot, areas: areas).map { (d, $0) } }
        if let met = counting.filter({ $0.1 >= rule.participationShare }).min(by: { $0.0.date < $1.0.date }) {
            return Status(state: .done, code: "done", reason: LocalizedText(
                zh: "\(met.0.date) 已演练，参加率 \(percent(met.1))", en: "drilled on \(met.0.date), \(percent(met.1)) took part"), date: met.0.date)
        }
        if let from = facts.activeFrom, from.adding(days: rule.graceDays) > p.end {
            return Status(state: .notDue, code: "not_yet_active", reason: LocalizedText(
                zh: "\(from) 起才纳入管理，不足 \(rule.graceDays) 日，自下一周期起计", en: "active from \(from): the next period is the first"), date: nil)
        }
        if let closed = facts.closedOn, closed <= p.end, closed < date || closed < p.start {
            return Status(state: .notDue, code: "closed", reason: LocalizedText(zh: "\(closed) 已关闭", en: "closed on \(closed)"), date: nil)
        }
        if let area = slot.area, area.headcount == 0 {
            return Status(state: .notDue, code: "no_staff", reason: LocalizedText(zh: "该区域无在岗人员", en: "no staff in the area"), date: nil)
        }
        let short = counting.max { $0.1 < $1.1 }
        let shortNote = short.map { LocalizedText(zh: "；\($0.0.date) 的演练参加率 \(percent($0.1))，未达 \(percent(rule.participationShare))",
                                                   en: "; the drill of \($0.0.date) reached \(percent($0.1)), below \(percent(rule.participationShare))") }
        if date > p.end {
            return Status(state: .overdue, code: short == nil ? "overdue" : "participation_below_share", reason: LocalizedText(
                zh: "应于 \(end) 前完成演练" + (shortNote?.zh ?? ""), en: "due by \(end)" + (shortNote?.en ?? "")), date: nil)
        }
        if let plan = drills.filter({ !$0.recorded && p.contains($0.date) && $0.date >= date && covers($0, slot) }).min(by: { $0.date < $1.date }) {
            return Status(state: .planned, code: "planned", reason: LocalizedText(zh: "计划于 \(plan.date) 演练", en: "planned for \(plan.date)"),
                          date: plan.date)
        }
        return Status(state: .due, code: short == nil ? "due" : "participation_below_share", reason: LocalizedText(
            zh: "应于 \(end) 前完成演练" + (shortNote?.zh ?? ""), en: "due by \(end)" + (shortNote?.en ?? "")), date: nil)
    }

    static func covers(_ drill: Drill, _ slot: Slot) -> Bool {
        slot.area.map { drill.participants[$0.id] != nil } ?? true
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
