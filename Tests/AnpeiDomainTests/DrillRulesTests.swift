import AnpeiDomain
import Foundation
import Testing

/// R-DRILL-1: the evacuation-drill schedule, table by table.
@Suite("Evacuation drills: rules, periods, status (R-DRILL-1)")
struct DrillRulesTests {
    static func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    typealias S = DrillSchedule
    static let national = DrillRuleSet(id: "national", jurisdiction: "", effectiveFrom: d("2024-01-01"), scope: .perArea)
    static let county = DrillRuleSet(id: "140825", jurisdiction: "140825", effectiveFrom: d("2024-01-01"), scope: .perArea)
    static let tibet = DrillRuleSet(id: "540000", jurisdiction: "540000", effectiveFrom: d("2024-01-01"), scope: .perEnterprise)
    static let xiayang = DrillRuleSet(id: "310118001", jurisdiction: "310118001", effectiveFrom: d("2024-01-01"), scope: .perEnterprise)
    static let tibet2027 = DrillRuleSet(id: "540000-2027", jurisdiction: "540000", effectiveFrom: d("2027-01-01"), scope: .perArea, perYear: 2)
    static let sets = [national, county, tibet, xiayang, tibet2027]
    static let office = S.Area(id: "o", kind: .office, name: "办公楼", headcount: 100)
    static let plant = S.Area(id: "p", kind: .production, name: "一号车间", headcount: 50)
    static let dorm = S.Area(id: "l", kind: .living, name: "宿舍", headcount: 0)
    static let ordinary = S.Facts(highRisk: [(d("2000-01-01"), false)])
    static let highRisk = S.Facts(highRisk: [(d("2000-01-01"), true)])

    @Test("the most specific jurisdiction in force judges a place", arguments: [
        ("140825100", "2026-05-01", "140825"), ("140826", "2026-05-01", "national"), ("540102", "2026-05-01", "540000"),
        ("540102", "2027-01-01", "540000-2027"), ("310118001", "2026-05-01", "310118001"), ("310118002", "2026-05-01", "national"),
    ])
    func selection(region: String, on: String, expected: String) {
        #expect(DrillRuleSet.select(Self.sets, region: region, on: Self.d(on))?.id == expected)
    }

    @Test("periods: the year, or both halves in a high-risk sector; a sector change moves the duty with it", arguments: [
        (ordinary, ["2026"]), (highRisk, ["2026-H1", "2026-H2"]),
        (S.Facts(highRisk: [(d("2000-01-01"), false), (d("2026-05-01"), true)]), ["2026-H1", "2026-H2"]),  // high-risk by 30 June
        (S.Facts(highRisk: [(d("2000-01-01"), false), (d("2026-08-01"), true)]), ["2026-H2"]),  // the H2 drill also meets the year
        (S.Facts(highRisk: [(d("2000-01-01"), true), (d("2026-03-01"), false)]), ["2026"]),
        (S.Facts(highRisk: [(d("2000-01-01"), true), (d("2026-07-01"), false)]), ["2026-H1"]),
    ] as [(S.Facts, [String])])
    func periods(facts: S.Facts, expected: [String]) {
        #expect(S.periods(year: 2026, rule: Self.county, facts: facts).map(\.label) == expected)
    }

    @Test("per area: each area with its own drill; per enterprise: one slot a period")
    func slots() {
        #expect(S.slots(year: 2026, rule: Self.county, facts: Self.highRisk, areas: [Self.office, Self.plant]).count == 4)
        #expect(S.slots(year: 2026, rule: Self.tibet, facts: Self.highRisk, areas: [Self.office, Self.plant]).count == 2)
    }

    func status(_ slot: S.Slot, _ drills: [S.Drill], on: String, rule: DrillRuleSet = county, facts: S.Facts = ordinary) -> S.Status {
        S.status(slot, rule: rule, facts: facts, areas: [Self.office, Self.plant, Self.dorm], drills: drills, on: Self.d(on))
    }

    @Test("half-year boundary: 30 June counts for H1 only, 1 July for H2 only; on 1 July an undrilled H1 is overdue", arguments: [
        ("2026-06-30", "2026-H1", S.State.done), ("2026-06-30", "2026-H2", .due), ("2026-07-01", "2026-H1", .overdue), ("2026-07-01", "2026-H2", .done),
    ])
    func halfYear(drilled: String, period: String, state: S.State) {
        let slot = S.Slot(area: Self.office, period: DrillPeriod(label: period)!)
        let s = status(slot, [S.Drill(date: Self.d(drilled), participants: ["o": 90], recorded: true)], on: "2026-07-01", facts: Self.highRisk)
        #expect(s.state == state)
    }

    @Test("year boundary: a drill on 31 December counts for its own year, not the next")
    func yearBoundary() {
        let drill = S.Drill(date: Self.d("2025-12-31"), participants: ["o": 100], recorded: true)
        #expect(status(S.Slot(area: Self.office, period: DrillPeriod(year: 2025, kind: .year)), [drill], on: "2026-01-02").state == .done)
        #expect(status(S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .year)), [drill], on: "2026-01-02").state == .due)
    }

    @Test("participation: 80% of the area's headcount counts, 79% does not (and says so); extra people are not counted twice", arguments: [
        (80, S.State.done, "done"), (79, .due, "participation_below_share"), (500, .done, "done"), (0, .due, "participation_below_share"),
    ])
    func participation(present: Int, state: S.State, code: String) {
        let s = status(S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .year)),
                       [S.Drill(date: Self.d("2026-03-10"), participants: ["o": present], recorded: true)], on: "2026-04-01")
        #expect(s.state == state && s.code == code)
        if code == "participation_below_share" { #expect(s.reason.zh.contains("未达 80%")) }
    }

    @Test("per enterprise: the share is of all areas together")
    func perEnterpriseShare() {
        let slot = S.Slot(area: nil, period: DrillPeriod(year: 2026, kind: .year))
        // 100 + 50 staff; 120 present is 80%.
        #expect(status(slot, [S.Drill(date: Self.d("2026-03-10"), participants: ["o": 100, "p": 20], recorded: true)], on: "2026-04-01",
                       rule: Self.tibet).state == .done)
        #expect(status(slot, [S.Drill(date: Self.d("2026-03-10"), participants: ["o": 100, "p": 19], recorded: true)], on: "2026-04-01",
                       rule: Self.tibet).state == .due)
    }

    @Test("an enterprise registered in November owes nothing that year; one registered in September does", arguments: [
        ("2026-11-05", S.State.notDue), ("2026-10-03", .notDue), ("2026-10-02", .due), ("2026-09-01", .due),
    ])
    func joinedMidYear(from: String, state: S.State) {
        let facts = S.Facts(activeFrom: Self.d(from), highRisk: [(Self.d("2000-01-01"), false)])
        #expect(status(S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .year)), [], on: "2026-12-01", facts: facts).state == state)
    }

    @Test("closed: nothing owed after closing; a drill held before closing still counts")
    func closed() {
        let facts = S.Facts(closedOn: Self.d("2026-05-01"), highRisk: [(Self.d("2000-01-01"), true)])
        let h2 = S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .h2))
        let h1 = S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .h1))
        #expect(status(h2, [], on: "2026-12-31", facts: facts).code == "closed")
        #expect(status(h1, [], on: "2026-07-02", facts: facts).state == .notDue)
        #expect(status(h1, [], on: "2026-04-30", facts: facts).state == .due)  // still open then
        #expect(status(h1, [S.Drill(date: Self.d("2026-04-01"), participants: ["o": 100], recorded: true)], on: "2026-07-02", facts: facts).state == .done)
    }

    @Test("planned: a plan ahead of the date; a plan whose day passed unrecorded is due again; no staff, nothing owed")
    func planned() {
        let slot = S.Slot(area: Self.office, period: DrillPeriod(year: 2026, kind: .year))
        let plan = S.Drill(date: Self.d("2026-09-15"), participants: ["o": 0], recorded: false)
        #expect(status(slot, [plan], on: "2026-09-01").state == .planned)
        #expect(status(slot, [plan], on: "2026-09-16").state == .due)
        #expect(status(S.Slot(area: Self.dorm, period: DrillPeriod(year: 2026, kind: .year)), [], on: "2027-01-02").state == .notDue)
    }

    @Test("period labels round-trip")
    func labels() {
        for p in [DrillPeriod(year: 2026, kind: .year), DrillPeriod(year: 2026, kind: .h1), DrillPeriod(year: 2026, kind: .h2)] {
            #expect(DrillPeriod(label: p.label) == p)
        }
        #expect(DrillPeriod(label: "2026-H3") == nil && DrillPeriod(label: "26") == nil)
        #expect(DrillPeriod(year: 2026, kind: .h1).end == Self.d("2026-06-30") && DrillPeriod(year: 2026, kind: .h2).start == Self.d("2026-07-01"))
    }
}

@Suite("Evacuation drills: the headcount of the drill's day (R-DRILL-1)")
struct DrillHeadcountTests {
    @Test("a drill is judged by the area's headcount on its day when it was kept, not today's")
    func headcountThen() {
        let office = DrillSchedule.Area(id: "o", kind: .office, name: "办公楼", headcount: 200)  // grown since
        let slot = DrillSchedule.Slot(area: office, period: DrillPeriod(year: 2026, kind: .year))
        let then = DrillSchedule.Drill(date: CivilDate(iso: "2026-03-10")!, participants: ["o": 85], headcounts: ["o": 100], recorded: true)
        #expect(DrillSchedule.share(of: then, for: slot, areas: [office]) == 0.85)
        let unknown = DrillSchedule.Drill(date: CivilDate(iso: "2026-03-10")!, participants: ["o": 85], recorded: true)
        #expect(DrillSchedule.share(of: unknown, for: slot, areas: [office]) == 0.425)
    }
}
