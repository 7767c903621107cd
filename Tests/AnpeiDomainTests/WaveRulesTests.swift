import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
private func r(_ s: String) -> RegionCode { RegionCode(s)! }

/// R-WAVE-1 … R-WAVE-4: waves, sessions, completion and coverage arithmetic.
@Suite("Training wave rules (R-WAVE-*)")
struct WaveRulesTests {
    let wave = TrainingWave(jurisdiction: "140825", year: 2025, targetRole: .principal, sectorCode: "metal_smelting",
                            title: "2025年金属冶炼主要负责人专题培训")
    var plan: WaveRules.SessionPlan {
        WaveRules.SessionPlan(kind: .main, region: r("140825"), start: d("2025-03-10"), end: d("2025-03-12"), hoursPerDay: 8,
                              capacity: 40, modules: TrainingModule.allCases)
    }

    @Test("R-WAVE-2: a wave is at least 3 days and lists its content")
    func waveChecks() {
        #expect(WaveRules.check(wave).isEmpty)
        var short = wave
        short.minDays = 2
        #expect(WaveRules.check(short).map(\.code) == ["below_minimum"])
        var empty = wave
        empty.requiredModules = []
        #expect(WaveRules.check(empty).map(\.code) == ["required"])
    }

    @Test("R-WAVE-4: a region is subject to the waves of its own level and every level above", arguments: [
        (String?.none, "141124209", true),   // national applies everywhere
        ("140825", "140825", true),          // own level
        ("140825", "140825100", true),       // a town under the county
        ("140000", "140825", true),          // the province's wave reaches the county
        ("140825", "140800", false),         // a county wave does not bind its prefecture
        ("140825", "141124", false),         // nor a neighbour
        ("540000", "140825", false),
    ])
    func applicability(jurisdiction: String?, region: String, applies: Bool) {
        var w = wave
        w.jurisdiction = jurisdiction
        #expect(WaveRules.applies(w, to: r(region)) == applies)
    }

    @Test("session checks: minimum days, modules, year, region, delivery model, synchronised sub-classrooms", arguments: [
        ("ok", [String]()),
        ("two days", ["too_short"]),
        ("missing module", ["module_missing"]),
        ("other year", ["outside_wave_year"]),
        ("ends before start", ["before_start"]),
        ("outside jurisdiction", ["outside_jurisdiction"]),
        ("independent in main_sub wave", ["delivery_model"]),
        ("zero capacity", ["out_of_range"]),
    ])
    func sessions(label: String, codes: [String]) {
        var p = plan
        switch label {
        case "two days": p.end = d("2025-03-11")
        case "missing module": p.modules.removeAll { $0 == .fireProtectionLaw }
        case "other year": p.start = d("2024-12-30"); p.end = d("2025-01-01")
        case "ends before start": p.end = d("2025-03-09")
        case "outside jurisdiction": p.region = r("141124")
        case "independent in main_sub wave": p.kind = .independent
        case "zero capacity": p.capacity = 0
        default: break
        }
        #expect(WaveRules.sessionRefusals(p, wave: wave, main: nil).map(\.code) == codes, "\(label)")
    }

    @Test("a session spanning 3 calendar days across a month end is 3 days; a leap day counts")
    func dayCounting() {
        var p = plan
        p.start = d("2024-02-28"); p.end = d("2024-03-01")
        #expect(p.days == 3)
        var w = wave
        w.year = 2024
        #expect(WaveRules.sessionRefusals(p, wave: w, main: nil).isEmpty)
    }

    @Test("R-WAVE-1: a sub-classroom shares its main classroom's dates")
    func subClassrooms() {
        var sub = plan
        sub.kind = .sub
        sub.region = r("140825100")
        #expect(WaveRules.sessionRefusals(sub, wave: wave, main: plan).isEmpty)
        #expect(WaveRules.sessionRefusals(sub, wave: wave, main: nil).map(\.code) == ["required"])
        var shifted = sub
        shifted.start = d("2025-03-11"); shifted.end = d("2025-03-13")
        #expect(WaveRules.sessionRefusals(shifted, wave: wave, main: plan).map(\.code) == ["not_synchronised"])
        #expect(WaveRules.sessionRefusals(sub, wave: wave, main: sub).map(\.code) == ["not_a_main_classroom"])
        var independent = wave
        independent.delivery = .independent
        #expect(WaveRules.sessionRefusals(sub, wave: independent, main: plan).map(\.code) == ["delivery_model"])
    }

    @Test("lifecycle: registered → in progress → completed, or cancelled before completion", arguments: [
        (WaveRules.SessionStatus.registered, WaveRules.SessionStatus.inProgress, true),
        (.inProgress, .completed, true),
        (.registered, .cancelled, true),
        (.inProgress, .cancelled, true),
        (.registered, .completed, false),
        (.completed, .cancelled, false),
        (.cancelled, .registered, false),
        (.completed, .inProgress, false),
    ])
    func lifecycle(from: WaveRules.SessionStatus, to: WaveRules.SessionStatus, allowed: Bool) {
        #expect(WaveRules.mayMove(from: from, to: to) == allowed)
    }

    @Test("R-WAVE-8: completion needs every scheduled day attended or made up, at least the minimum days; a required exam must be passed")
    func completion() {
        let (start, end) = (d("2025-03-10"), d("2025-03-12"))
        let all = WaveRules.Attendance(present: [d("2025-03-10"), d("2025-03-11"), d("2025-03-12")])
        #expect(WaveRules.completes(all, start: start, end: end, wave: wave))
        #expect(!WaveRules.completes(all, start: start, end: end, wave: wave, examPassed: false))
        #expect(WaveRules.completes(all, start: start, end: end, wave: wave, examPassed: true))
        // A missed day fails, unless the absence was approved and made up.
        let missed = WaveRules.Attendance(present: [d("2025-03-10"), d("2025-03-12")])
        #expect(!WaveRules.completes(missed, start: start, end: end, wave: wave))
        let madeUp = WaveRules.Attendance(present: [d("2025-03-10"), d("2025-03-12")], madeUp: [d("2025-03-11")])
        #expect(WaveRules.completes(madeUp, start: start, end: end, wave: wave))
        // Four scheduled days, three attended: not complete (every day counts, not just three).
        let four = WaveRules.Attendance(present: [d("2025-03-10"), d("2025-03-11"), d("2025-03-12")])
        #expect(!WaveRules.completes(four, start: start, end: d("2025-03-13"), wave: wave))
        // A session shorter than the wave's minimum never completes.
        #expect(!WaveRules.completes(WaveRules.Attendance(present: [start, d("2025-03-11")]), start: start, end: d("2025-03-11"), wave: wave))
    }

    @Test("R-WAVE-8: sessions of fewer class hours a day than the wave's minimum (default 6) are refused")
    func hoursPerDay() {
        let plan = WaveRules.SessionPlan(kind: .main, region: RegionCode("140825")!, start: d("2025-03-10"), end: d("2025-03-12"),
                                         hoursPerDay: 5, capacity: 10, modules: TrainingModule.allCases)
        #expect(wave.minHoursPerDay == 6)
        #expect(WaveRules.sessionRefusals(plan, wave: wave, main: nil).map(\.code).contains("hours_below_minimum"))
        var six = plan
        six.hoursPerDay = 6
        #expect(!WaveRules.sessionRefusals(six, wave: wave, main: nil).map(\.code).contains("hours_below_minimum"))
    }

    @Test("R-WAVE-7: a wave covers its sector and everything under it; waves are equivalent where the enterprise falls under both")
    func sectorTree() {
        let tree = SectorTree(parents: ["hospital": "medical", "hospital_grade_2_3": "hospital", "commercial_complex": "shopping_complex",
                                        "shopping_complex": "commerce"])
        #expect(tree.lineage("hospital_grade_2_3") == ["hospital_grade_2_3", "hospital", "medical"])
        #expect(tree.covers(waveSector: "hospital", enterpriseSectors: ["hospital_grade_2_3"]))
        #expect(!tree.covers(waveSector: "hospital_grade_2_3", enterpriseSectors: ["hospital"]))
        #expect(tree.covers(waveSector: "shopping_complex", enterpriseSectors: ["commercial_complex"]))
        var street = wave
        street.sectorCode = "hospital"
        street.targetRole = .fireSafetyResponsible
        var national = street
        national.sectorCode = "hospital_grade_2_3"
        national.jurisdiction = nil
        #expect(tree.equivalent(street, national, enterpriseSectors: ["hospital_grade_2_3"]))
        #expect(!tree.equivalent(street, national, enterpriseSectors: ["hospital"]))
        national.year += 1
        #expect(!tree.equivalent(street, national, enterpriseSectors: ["hospital_grade_2_3"]))
    }

    @Test("overlap shares at least one day")
    func overlap() {
        #expect(WaveRules.overlap((d("2025-03-10"), d("2025-03-12")), (d("2025-03-12"), d("2025-03-14"))))
        #expect(!WaveRules.overlap((d("2025-03-10"), d("2025-03-12")), (d("2025-03-13"), d("2025-03-15"))))
    }

    @Test("equivalent waves: same year, role and sector at any level")
    func equivalence() {
        var national = wave
        national.jurisdiction = nil
        #expect(wave.isEquivalent(to: national))
        national.year = 2024
        #expect(!wave.isEquivalent(to: national))
    }

    @Test("coverage arithmetic: completion wins, outsiders ignored, rate nil with no target")
    func coverage() {
        let f = CoverageFigures.compute(target: Set(1...10), completed: [1, 2, 3, 11], enrolled: [3, 4, 5, 12])
        #expect(f == CoverageFigures(target: 10, completed: 3, enrolled: 2))
        #expect(f.notEnrolled == 5 && f.rate == 0.3)
        #expect(CoverageFigures.compute(target: Set<Int>(), completed: [], enrolled: []).rate == nil)
    }
}
