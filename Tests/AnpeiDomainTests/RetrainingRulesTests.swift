import AnpeiDomain
import Foundation
import Testing

/// DOMAIN.md "Three violations and spot exams": R-3V-2 (off post until hours
/// and a passed exam), R-3V-4 (8 hours, 16 for a repeat within 12 months).
@Suite("三违: retraining hours, repeats, reinstatement (R-3V-2, R-3V-4)")
struct RetrainingRulesTests {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    let rules = RetrainingRules.defaults

    @Test("R-3V-4: 16 hours for a repeat within 12 months, across a year end; 8 otherwise", arguments: [
        ("2025-01-10", ["2024-01-10"], 16),   // exactly 12 months before: a repeat
        ("2025-01-10", ["2024-01-09"], 8),    // a day more: not
        ("2025-01-05", ["2024-12-28"], 16),   // across the year end
        ("2025-03-01", [], 8),
        ("2025-03-01", ["2025-03-02"], 8),    // a later one does not make this a repeat
        ("2024-02-29", ["2023-03-01"], 16),   // leap day: the window starts 2023-02-28
        ("2025-02-28", ["2024-02-29"], 16),
    ])
    func hours(_ date: String, _ earlier: [String], _ expected: Int) {
        #expect(rules.requiredHours(on: d(date), earlier: earlier.map(d)) == expected)
    }

    @Test("R-3V-2: reinstatement needs the hours (exactly at the threshold is enough) and an exam passed on or after the violation")
    func reinstatement() {
        let on = d("2025-05-10")
        #expect(rules.missing(requiredHours: 8, recordedHours: 8, violationOn: on, passedExams: [on]).isEmpty)
        #expect(rules.missing(requiredHours: 8, recordedHours: 7, violationOn: on, passedExams: [on]) == [.hours(recorded: 7, required: 8)])
        #expect(rules.missing(requiredHours: 8, recordedHours: 8, violationOn: on, passedExams: [d("2025-05-09")]) == [.exam])
        #expect(rules.missing(requiredHours: 16, recordedHours: 0, violationOn: on, passedExams: []).count == 2)
        #expect(rules.missing(requiredHours: 8, recordedHours: 8, violationOn: on, passedExams: []).first?.message.zh.contains("R-3V-2") == true)
    }

    @Test("a second violation while a case is open is a repeat (16 hours) and a repeat violator")
    func secondWhileOpen() {
        let first = d("2025-06-01"), second = d("2025-06-20")
        #expect(rules.requiredHours(on: second, earlier: [first]) == 16)
        #expect(rules.isRepeatViolator([first, second], on: d("2025-07-01")))
        #expect(!rules.isRepeatViolator([first, second], on: d("2026-06-10")))  // the first fell out of the window
    }

    @Test("overdue: open longer than the configured days (default 30)")
    func overdue() {
        #expect(!rules.isOverdue(openedOn: d("2025-01-01"), on: d("2025-01-31")))
        #expect(rules.isOverdue(openedOn: d("2025-01-01"), on: d("2025-02-01")))
        #expect(RetrainingRules(overdueDays: 10).isOverdue(openedOn: d("2025-01-01"), on: d("2025-01-12")))
    }

    @Test("a failed spot exam opens a case but is not a violation for R-CERT-6")
    func kinds() {
        #expect(ViolationKind.allCases.filter(\.isViolation).count == 3)
        #expect(ViolationKind.spotExamFailed.label.zh == "逢查必考未通过")
    }
}
