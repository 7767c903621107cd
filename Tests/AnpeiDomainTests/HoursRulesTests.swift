import AnpeiDomain
import Foundation
import Testing

/// DOMAIN.md "Training-hour rules": R-HOURS-1/2/3 and R-EMP-3 (先培训后上岗).
@Suite("Training hours: initial, annual, post change (R-HOURS-1/2/3, R-EMP-3)")
struct HoursRulesTests {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    typealias E = HoursRules.Event

    @Test("R-HOURS-1/2: initial and annual hours by role and high-risk training flag", arguments: [
        (false, false, 24, nil as Int?), (false, true, 72, 20), (true, false, 32, 12), (true, true, 48, 16),
    ])
    func table(_ management: Bool, _ highRisk: Bool, _ initial: Int, _ annual: Int?) {
        #expect(HoursRules.initialHours(management: management, highRisk: highRisk) == initial)
        #expect(HoursRules.annualHours(management: management, highRisk: highRisk) == annual)
    }

    @Test("R-EMP-3: hours exactly at the threshold before the first day are enough; one short, or after the start, is 未培训先上岗")
    func initial() {
        let start = d("2025-03-03")
        let three = [E(kind: .inductionCompany, date: d("2025-02-24"), hours: 8), E(kind: .inductionWorkshop, date: d("2025-02-26"), hours: 8),
                     E(kind: .inductionTeam, date: start, hours: 8)]
        #expect(HoursRules.shortfalls(events: three, started: start, postChangedOn: nil, management: false, highRisk: false, on: start).isEmpty)
        var short = three
        short[2].hours = 7
        #expect(HoursRules.shortfalls(events: short, started: start, postChangedOn: nil, management: false, highRisk: false, on: start)
                == [.untrainedAtStart(recorded: 23, required: 24)])
        var late = three
        late[2].date = d("2025-03-04")
        #expect(HoursRules.shortfalls(events: late, started: start, postChangedOn: nil, management: false, highRisk: false, on: d("2025-03-05")).first?.rule
                == "R-EMP-3")
        // The same hours fall short in a high-risk sector (72).
        #expect(HoursRules.shortfalls(events: three, started: start, postChangedOn: nil, management: false, highRisk: true, on: start)
                == [.untrainedAtStart(recorded: 24, required: 72)])
    }

    @Test("annual hours count per full calendar year after the start year; the current year only once it is over")
    func annual() {
        let start = d("2023-06-01")
        let events = [E(kind: .inductionCompany, date: d("2023-05-01"), hours: 48), E(kind: .annual, date: d("2024-11-30"), hours: 16),
                      E(kind: .annual, date: d("2025-12-31"), hours: 15)]
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2025-12-31")).isEmpty)
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2026-01-01"))
                == [.annual(year: 2025, recorded: 15, required: 16)])
        // Ordinary workers outside the high-risk sectors have no annual minimum in the order.
        #expect(HoursRules.shortfalls(events: [E(kind: .inductionTeam, date: start, hours: 24)], started: start, postChangedOn: nil,
                                      management: false, highRisk: false, on: d("2027-01-01")).isEmpty)
    }

    @Test("R-HOURS-3: after a post change, workshop and team training again")
    func postChange() {
        let start = d("2020-01-06")
        let base = [E(kind: .inductionCompany, date: d("2020-01-02"), hours: 24)]
        let changed = d("2025-04-01")
        #expect(HoursRules.shortfalls(events: base, started: start, postChangedOn: changed, management: false, highRisk: false, on: d("2025-04-02"))
                == [.postChange(since: changed)])
        #expect(HoursRules.shortfalls(events: base + [E(kind: .postChange, date: changed, hours: 8)], started: start, postChangedOn: changed,
                                      management: false, highRisk: false, on: d("2025-04-02")).isEmpty)
        #expect(HoursRules.isManagement([.safetyManager]) && !HoursRules.isManagement([.employee, .specialOperations]))
    }
}
