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

    @Test("annual hours: the last full calendar year after the start year; the current year only once it is over")
    func annual() {
        let start = d("2023-06-01")
        let events = [E(kind: .inductionCompany, date: d("2023-05-01"), hours: 48), E(kind: .annual, date: d("2024-11-30"), hours: 16),
                      E(kind: .annual, date: d("2025-12-31"), hours: 15)]
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2025-12-31")).isEmpty)
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2026-01-01"))
                == [.annual(year: 2025, recorded: 15, required: 16)])
        // Only the last full year is a present duty: 2024's 16 hours are history in 2027, and 2026 had none.
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2027-03-01"))
                == [.annual(year: 2026, recorded: 0, required: 16)])
        // The start year itself is not a full year of work: nothing is due for it.
        #expect(HoursRules.shortfalls(events: events, started: start, postChangedOn: nil, management: true, highRisk: true, on: d("2024-12-31")).isEmpty)
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

@Suite("Ledger rules: post-change training, 三级教育 labels, work-injury prevention (R-HOURS-3, R-WAVE-5)")
struct LedgerRuleTests {
    typealias E = HoursRules.Event
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test("R-HOURS-3: workshop and team levels on or after the change count; before it they do not", arguments: [
        (HoursRules.Kind.inductionWorkshop, "2025-04-01", true), (.inductionTeam, "2025-06-30", true), (.postChange, "2025-04-01", true),
        (.inductionWorkshop, "2025-03-31", false), (.inductionCompany, "2025-04-02", false), (.annual, "2025-04-02", false),
    ])
    func postChangeKinds(kind: HoursRules.Kind, on: String, satisfies: Bool) {
        let events = [E(kind: .inductionCompany, date: d("2020-01-02"), hours: 24), E(kind: kind, date: d(on), hours: 4)]
        let out = HoursRules.shortfalls(events: events, started: d("2020-01-06"), postChangedOn: d("2025-04-01"), management: false,
                                        highRisk: false, on: d("2025-07-01"))
        #expect(out.isEmpty == satisfies)
        #expect(out.allSatisfy { $0.rule == "R-HOURS-3" })
    }

    @Test("A post change after the date asked about is not yet due")
    func postChangeLater() {
        let events = [E(kind: .inductionCompany, date: d("2020-01-02"), hours: 24)]
        #expect(HoursRules.shortfalls(events: events, started: d("2020-01-06"), postChangedOn: d("2025-04-01"), management: false,
                                      highRisk: false, on: d("2025-03-31")).isEmpty)
    }

    @Test("Files name a kind by key or by its Chinese label")
    func kindLabels() {
        for k in HoursRules.Kind.allCases {
            #expect(HoursRules.Kind(keyOrLabel: k.rawValue) == k)
            #expect(HoursRules.Kind(keyOrLabel: k.label.zh) == k)
        }
        #expect(HoursRules.Kind(keyOrLabel: "培训") == nil)
        #expect(Set(HoursRules.Kind.allCases.map(\.label.zh)).count == HoursRules.Kind.allCases.count)
    }

    @Test("Shortfall messages name the figures, in both languages")
    func messages() {
        let s = HoursRules.Shortfall.untrainedAtStart(recorded: 23, required: 24)
        #expect(s.message.zh.contains("23") && s.message.zh.contains("24") && s.message.zh.contains("未培训先上岗"))
        #expect(s.code == "untrained_at_start" && s.rule == "R-EMP-3")
        #expect(HoursRules.Shortfall.annual(year: 2025, recorded: 15, required: 16).message.en.contains("2025"))
    }

    @Test("R-WAVE-5: key enterprises of 非煤矿山 and 机械制造 only", arguments: [
        (true, ["non_coal_mine"], true), (true, ["machinery", "other"], true), (false, ["machinery"], false),
        (true, ["coal_mine"], false), (true, ["metal_smelting"], false), (true, [String](), false),
    ])
    func injuryPreventionTargets(key: Bool, sectors: [String], applies: Bool) {
        #expect(InjuryPreventionRule.applies(keyEnterprise: key, sectors: sectors) == applies)
    }

    @Test("R-WAVE-5: the three categories (三类人员: principals, safety managers, special-operations workers); one each; other staff none", arguments: [
        ([EmploymentRole.principal, .safetyManager], InjuryPreventionRule.Category.principal),
        ([.safetyManager, .employee], .safetyManager), ([.specialOperations], .specialOperations),
        ([.safetyManager, .specialOperations], .safetyManager), ([.employee], nil), ([.deputyPrincipal], nil),
        ([.fireSystemOperator], nil), ([.fireSafetyResponsible, .principal], .principal),
    ] as [([EmploymentRole], InjuryPreventionRule.Category?)])
    func injuryPreventionCategory(roles: [EmploymentRole], category: InjuryPreventionRule.Category?) {
        #expect(InjuryPreventionRule.category(Set(roles)) == category)
    }

    @Test("R-WAVE-5: trained on or before the date; the deadline is the end of 2025")
    func injuryPreventionCovered() {
        #expect(InjuryPreventionRule.covered(trainingDates: [d("2025-12-31")], on: d("2025-12-31")))
        #expect(!InjuryPreventionRule.covered(trainingDates: [d("2026-01-01")], on: d("2025-12-31")))
        #expect(!InjuryPreventionRule.covered(trainingDates: [], on: d("2026-11-23")))
        #expect(InjuryPreventionRule.daysToDeadline(from: d("2025-12-30")) == 1)
        #expect(InjuryPreventionRule.daysToDeadline(from: d("2026-01-01")) == -1)
    }
}

@Suite("The first working day and a return after a year away (R-HOURS-3, R-EMP-3)")
struct FirstDayTests {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test("A return a year or more after the previous employment ended is a post change; a shorter gap is not", arguments: [
        ("2024-03-01", "2025-03-01", "2025-03-01"),  // exactly 365 days away
        ("2024-03-01", "2025-02-28", nil),           // one day short
        ("2023-12-31", "2025-06-30", "2025-06-30"),  // across a year end
    ] as [(String, String, String?)])
    func returnAfterAYear(ended: String, back: String, returned: String?) {
        let first = HoursRules.firstDay(spells: [(d(back), nil), (d("2020-05-06"), d(ended))])
        #expect(first?.started == d("2020-05-06"))  // initial training is judged at the very first day
        #expect(first?.returnedOn == returned.map(d))
    }

    @Test("No spells, no first day; the later of a recorded change and a return counts")
    func latest() {
        #expect(HoursRules.firstDay(spells: []) == nil)
        #expect(HoursRules.latestChange(d("2025-01-01"), d("2025-06-01")) == d("2025-06-01"))
        #expect(HoursRules.latestChange(nil, d("2025-06-01")) == d("2025-06-01"))
        #expect(HoursRules.latestChange(nil, nil) == nil)
    }
}
