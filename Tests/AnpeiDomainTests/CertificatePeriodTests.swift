import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// Issue 11 §2: a renewed certificate is scheduled from its current validity
/// period (R-CERT-12), and a day before its issue allows no work (R-CERT-1).
@Suite("Certificate validity periods (R-CERT-12) and issue (R-CERT-1)")
struct CertificatePeriodTests {
    let rules = CertificateRuleSet.mem30
    /// First issued 2012, renewed for 2018–2024, reviewed in 2021 within its window.
    var renewed: SpecialOpCertificate {
        SpecialOpCertificate(
            firstIssued: d("2012-05-10"), validityStart: d("2018-05-10"), validityEnd: d("2024-05-10"),
            reviews: [.init(date: d("2021-04-01"), trainingHours: 8, passed: true)])
    }

    @Test("renewed, reviewed on time: valid and reviewable, not overdue (R-CERT-12)", arguments: [
        ("2019-06-01", CertificateStatus.State.valid),
        ("2021-03-15", .reviewWindowOpen),   // the 2018 period's first review, due 2021-05-10
        ("2022-01-01", .valid),              // reviewed 2021-04-01
        ("2024-03-20", .reviewWindowOpen),   // the end of validity: the renewal review's window
        ("2024-05-11", .expired),
    ])
    func renewedSchedule(on: String, state: CertificateStatus.State) {
        let s = CertificateStatus.evaluate(renewed, on: d(on), rules: rules)
        #expect(s.state == state, "\(on): \(s.state) \(s.reasons.map(\.message.en))")
    }

    @Test("counted from the first issue instead, the same certificate would be overdue: the period is what counts")
    func firstIssueWouldBeWrong() {
        // The same facts with the period starting at the first issue (the old
        // reading): due 2015 with no review → overdue. Shown so the test fails
        // if the schedule ever counts from the first issue again.
        let fromFirstIssue = SpecialOpCertificate(
            firstIssued: d("2012-05-10"), validityStart: d("2012-05-10"), validityEnd: d("2024-05-10"),
            reviews: [.init(date: d("2021-04-01"), trainingHours: 8, passed: true)])
        #expect(CertificateStatus.evaluate(fromFirstIssue, on: d("2022-01-01"), rules: rules).state == .lapsed)
        #expect(CertificateStatus.evaluate(renewed, on: d("2022-01-01"), rules: rules).mayWork)
    }

    @Test("reviews of an earlier period do not satisfy the current one")
    func earlierPeriodReviews() {
        let c = SpecialOpCertificate(
            firstIssued: d("2012-05-10"), validityStart: d("2018-05-10"), validityEnd: d("2024-05-10"),
            reviews: [.init(date: d("2015-04-01"), trainingHours: 8, passed: true)])
        let s = CertificateStatus.evaluate(c, on: d("2021-06-01"), rules: rules)
        #expect(s.state == .lapsed && s.reviewDue == d("2021-05-10"))
    }

    @Test("the default period runs from the first issue for the rule set's years (R-CERT-3)")
    func defaults() {
        let c = SpecialOpCertificate(firstIssued: d("2020-03-15"))
        #expect(c.validityStart == d("2020-03-15") && c.validityEnd == d("2026-03-15"))
        let r = SpecialOpCertificate(firstIssued: d("2012-05-10"), validityStart: d("2018-05-10"))
        #expect(r.validityEnd == d("2024-05-10"))
    }

    @Test("only the end-of-validity review, in its window, renews: six years from the old end (R-CERT-12)")
    func renewal() {
        let c = SpecialOpCertificate(
            firstIssued: d("2018-05-10"), reviews: [.init(date: d("2021-04-01"), trainingHours: 8, passed: true)])
        let r = ReviewSchedule.renewal(c, reviewedOn: d("2024-04-01"), rules: rules)
        #expect(r?.start == d("2024-05-10") && r?.end == d("2030-05-10"))
        #expect(ReviewSchedule.renewal(c, reviewedOn: d("2024-03-10"), rules: rules) == nil)   // window opens 2024-03-11
        #expect(ReviewSchedule.renewal(c, reviewedOn: d("2024-05-11"), rules: rules) == nil)   // too late
        let unreviewed = SpecialOpCertificate(firstIssued: d("2018-05-10"))
        #expect(ReviewSchedule.renewal(unreviewed, reviewedOn: d("2021-04-01"), rules: rules) == nil)  // the mid-period review
    }

    @Test("a day before the issue allows no work (R-CERT-1)", arguments: ["2020-03-14", "2019-01-01"])
    func beforeIssue(on: String) {
        let s = CertificateStatus.evaluate(SpecialOpCertificate(firstIssued: d("2020-03-15")), on: d(on), rules: rules)
        #expect(s.state == .notYetIssued && !s.mayWork)
        #expect(s.reasons.first?.rule == "R-CERT-1")
        #expect(CertificateStatus.evaluate(SpecialOpCertificate(firstIssued: d("2020-03-15")), on: d("2020-03-15"), rules: rules).mayWork)
    }
}
