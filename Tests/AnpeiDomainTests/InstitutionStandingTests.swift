import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// Issue 11 §4: conformity on each event's date from the status history (R-INST-1/2).
@Suite("Institution standing by date (R-INST-1, R-INST-2)")
struct InstitutionStandingTests {
    typealias E = InstitutionStanding.Entry
    let history: [E] = [
        E(status: .pendingInspection, deadline: nil, effective: d("2023-01-10"), sequence: 0),
        E(status: .rectifying, deadline: d("2024-07-01"), effective: d("2024-03-01"), sequence: 1),
        E(status: .conforming, deadline: nil, effective: d("2024-06-20"), sequence: 2),
        E(status: .clearedOut, deadline: nil, effective: d("2025-09-01"), sequence: 3),
    ]

    @Test("R-INST-2: pending until inspected, rectifying up to its deadline, conforming, then cleared out", arguments: [
        ("2023-06-01", InstitutionStatus.pendingInspection, false),
        ("2024-03-01", .rectifying, true),
        ("2024-06-19", .rectifying, true),
        ("2024-06-20", .conforming, true),
        ("2025-08-31", .conforming, true),
        ("2025-09-01", .clearedOut, false),
    ])
    func byDate(on: String, status: InstitutionStatus, mayAct: Bool) {
        #expect(InstitutionStanding.entry(on: d(on), history: history).status == status)
        #expect(InstitutionStanding.mayAct(on: d(on), history: history) == mayAct)
    }

    @Test("R-INST-1: rectifying past the deadline may not act; the deadline day itself may")
    func pastDeadline() {
        let h = [E(status: .rectifying, deadline: d("2024-07-01"), effective: d("2024-03-01"), sequence: 0)]
        #expect(InstitutionStanding.mayAct(on: d("2024-07-01"), history: h))
        #expect(!InstitutionStanding.mayAct(on: d("2024-07-02"), history: h))
    }

    @Test("R-INST-2: a back-dated inspection outranks the registration's pending record; same-day decisions go by record order")
    func ordering() {
        let h = [E(status: .pendingInspection, deadline: nil, effective: d("2026-01-10"), sequence: 0),
                 E(status: .conforming, deadline: nil, effective: d("2024-05-01"), sequence: 1)]
        #expect(InstitutionStanding.entry(on: d("2026-02-01"), history: h).status == .conforming)
        let sameDay = [E(status: .conforming, deadline: nil, effective: d("2024-05-01"), sequence: 0),
                       E(status: .rectifying, deadline: d("2024-08-01"), effective: d("2024-05-01"), sequence: 1)]
        #expect(InstitutionStanding.entry(on: d("2024-05-01"), history: sameDay).status == .rectifying)
    }

    @Test("R-INST-2: cleared-out is terminal; pending is only the initial status")
    func terminal() {
        #expect(InstitutionStanding.refusal(adding: .conforming, effective: d("2026-01-01"), history: history) != nil)
        #expect(InstitutionStanding.refusal(adding: .conforming, effective: d("2020-01-01"), history: history) != nil)  // nor back-dated
        #expect(InstitutionStanding.refusal(adding: .conforming, effective: d("2024-01-01"), history: Array(history.prefix(3))) == nil)
        #expect(InstitutionStanding.refusal(adding: .pendingInspection, effective: d("2024-01-01"), history: []) != nil)
    }

    @Test("R-INST-2: an inspection decides: pass conforms, rectify needs a deadline, fail clears out")
    func inspections() {
        #expect(InstitutionStanding.decision(forInspection: "pass", rectifyDeadline: nil)?.0 == .conforming)
        #expect(InstitutionStanding.decision(forInspection: "rectify", rectifyDeadline: d("2024-09-01"))?.1 == d("2024-09-01"))
        #expect(InstitutionStanding.decision(forInspection: "rectify", rectifyDeadline: nil) == nil)
        #expect(InstitutionStanding.decision(forInspection: "fail", rectifyDeadline: nil)?.0 == .clearedOut)
    }
}
