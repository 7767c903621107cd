import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// Issue 11 §2: lapses are terminal (R-CERT-13, MEM-30 Art. 25–26), and off
/// post is judged from the employment history, cleared only by a practical
/// re-examination (R-CERT-8, Art. 32).
@Suite("Certificate lapses (R-CERT-13) and off-post gaps (R-CERT-8)")
struct CertificateLapseTests {
    let rules = CertificateRuleSet.mem30
    /// Issued 2020-03-15: first review due 2023-03-15, window from 2023-01-14.
    let cert = SpecialOpCertificate(firstIssued: d("2020-03-15"))

    func with(_ reviews: [SpecialOpCertificate.Review]) -> SpecialOpCertificate {
        var c = cert
        c.reviews = reviews
        return c
    }

    @Test("R-CERT-13: not reviewed by the due date lapses, and a later passed review does not revive it")
    func notReviewedOnTime() {
        let late = with([.init(date: d("2023-04-01"), trainingHours: 8, passed: true)])
        let s = CertificateStatus.evaluate(late, on: d("2023-05-01"), rules: rules)
        #expect(s.state == .lapsed && !s.mayWork && s.reasons.first?.rule == "R-CERT-13")
        // Still lapsed years later, within the validity (terminal, not "overdue").
        #expect(CertificateStatus.evaluate(late, on: d("2025-01-01"), rules: rules).state == .lapsed)
        // And no review can be recorded any more.
        #expect(ReviewSchedule.refusals(late, on: d("2023-05-01"), trainingHours: 8, rules: rules).map(\.rule) == ["R-CERT-13"])
    }

    @Test("R-CERT-6/13: a review refused for a failed exam leaves a retest; it passes by the due date and the certificate is valid")
    func retestPasses() {
        let refused = with([.init(date: d("2023-02-01"), trainingHours: 8, passed: false, ground: .trainingOrExamFailed)])
        let s = CertificateStatus.evaluate(refused, on: d("2023-02-10"), rules: rules)
        #expect(s.state == .reviewRefused && !s.mayWork && s.reasons.first?.rule == "R-CERT-6")
        #expect(ReviewSchedule.refusals(refused, on: d("2023-03-01"), trainingHours: 8, rules: rules).isEmpty)
        let retested = with(refused.reviews + [.init(date: d("2023-03-01"), trainingHours: 8, passed: true)])
        let after = CertificateStatus.evaluate(retested, on: d("2023-06-01"), rules: rules)
        #expect(after.state == .valid && after.reviewDue == d("2026-03-15"))
    }

    @Test("R-CERT-13: two failed reviews cannot leave a certificate valid", arguments: ReviewRefusalGround.allCases)
    func twoFailures(first: ReviewRefusalGround) {
        let c = with([
            .init(date: d("2023-02-01"), trainingHours: 8, passed: false, ground: first),
            .init(date: d("2023-03-01"), trainingHours: 8, passed: false),
        ])
        for day in ["2023-03-01", "2023-03-10", "2024-01-01"] {
            let s = CertificateStatus.evaluate(c, on: d(day), rules: rules)
            #expect(s.state == .lapsed && !s.mayWork, "\(first) on \(day): \(s.state)")
        }
    }

    @Test("R-CERT-13: a refusal with no retest path (Art. 25 (1), (6)) lapses at once", arguments: [
        (ReviewRefusalGround.healthCheckFailed, CertificateStatus.State.lapsed),
        (.revocationGrounds, .lapsed),
        (.seriousViolations, .reviewRefused),
        (.safetyPenalty, .reviewRefused),
        (.obstructedInspection, .reviewRefused),
        (.trainingOrExamFailed, .reviewRefused),
    ])
    func grounds(ground: ReviewRefusalGround, state: CertificateStatus.State) {
        let c = with([.init(date: d("2023-02-01"), trainingHours: 8, passed: false, ground: ground)])
        #expect(CertificateStatus.evaluate(c, on: d("2023-02-01"), rules: rules).state == state)
        #expect(ground.allowsRetest == (state == .reviewRefused))
    }

    @Test("R-CERT-13: the retest not passed by the due date (MEM-30: no grace) lapses the day after")
    func retestNeverCame() {
        let c = with([.init(date: d("2023-02-01"), trainingHours: 8, passed: false)])
        #expect(CertificateStatus.evaluate(c, on: d("2023-03-15"), rules: rules).state == .reviewRefused)
        let s = CertificateStatus.evaluate(c, on: d("2023-03-16"), rules: rules)
        #expect(s.state == .lapsed && s.reasons.first { $0.rule == "R-CERT-13" }?.date == d("2023-03-16"))
        // A rule set with a grace period moves the lapse (rule data, not code).
        var graced = rules
        graced.retestGraceDays = 30
        #expect(CertificateStatus.evaluate(c, on: d("2023-04-14"), rules: graced).state == .reviewRefused)
        #expect(CertificateStatus.evaluate(c, on: d("2023-04-15"), rules: graced).state == .lapsed)
    }

    @Test("R-CERT-12/13: a refused renewal retested on time still renews from the old end")
    func renewalRetest() {
        let c = SpecialOpCertificate(
            firstIssued: d("2018-05-10"), validityEnd: d("2024-05-10"),
            reviews: [.init(date: d("2021-04-01"), trainingHours: 8, passed: true),
                      .init(date: d("2024-04-01"), trainingHours: 8, passed: false)])
        #expect(CertificateStatus.evaluate(c, on: d("2024-04-02"), rules: rules).state == .reviewRefused)
        let renewal = ReviewSchedule.renewal(c, reviewedOn: d("2024-05-01"), rules: rules)
        #expect(renewal?.start == d("2024-05-10") && renewal?.end == d("2030-05-10"))
    }

    @Test("a failed review may be recorded despite violations; a pass may not (R-CERT-6)")
    func failureRecordable() {
        var c = cert
        c.violations = 2
        #expect(ReviewSchedule.refusals(c, on: d("2023-02-01"), trainingHours: 0, passed: false, rules: rules).isEmpty)
        #expect(ReviewSchedule.refusals(c, on: d("2023-02-01"), trainingHours: 8, passed: true, rules: rules).map(\.rule) == ["R-CERT-6"])
    }

    // MARK: R-CERT-8

    @Test("R-CERT-8: a gap of six months between two employments counts, and a new employment does not clear it")
    func gapBetweenEmployments() {
        var c = cert
        c.posts = [.init(start: d("2020-03-15"), end: d("2021-01-31")), .init(start: d("2021-09-01"))]
        // Back on post on 2021-09-01 after seven months away.
        let s = CertificateStatus.evaluate(c, on: d("2021-10-01"), rules: rules)
        #expect(s.state == .needsPracticalExam && !s.mayWork && s.reasons.contains { $0.rule == "R-CERT-8" })
        // Judged at the date asked: before the gap reached six months it did not apply.
        #expect(CertificateStatus.evaluate(c, on: d("2021-06-01"), rules: rules).state == .valid)
        // A passed practical exam after the gap began clears it.
        c.practicalExams = [d("2021-08-20")]
        #expect(CertificateStatus.evaluate(c, on: d("2021-10-01"), rules: rules).state == .valid)
        // One taken before the gap does not.
        c.practicalExams = [d("2020-12-01")]
        #expect(CertificateStatus.evaluate(c, on: d("2021-10-01"), rules: rules).state == .needsPracticalExam)
    }

    @Test("R-CERT-8: a gap just short of six months does not count; overlapping employments leave no gap")
    func shortGaps() {
        var c = cert
        // Last day on post 2021-01-31; back 2021-07-30: 31 Jan + 6 months = 31 Jul, one day short.
        c.posts = [.init(start: d("2020-03-15"), end: d("2021-01-31")), .init(start: d("2021-07-30"))]
        #expect(CertificateStatus.evaluate(c, on: d("2022-01-01"), rules: rules).state == .valid)
        c.posts = [.init(start: d("2020-03-15"), end: d("2021-06-30")), .init(start: d("2021-01-01"), end: d("2022-12-31")),
                   .init(start: d("2023-01-01"))]
        #expect(PostHistory.uncleared(c, on: d("2023-06-01"), rules: rules) == nil)
    }

    @Test("R-CERT-8: the certificate's own exam covers a gap before its issue; no recorded employment means no gap")
    func beforeIssue() {
        var c = cert
        c.posts = [.init(start: d("2015-01-01"), end: d("2016-01-01")), .init(start: d("2020-04-01"))]
        #expect(CertificateStatus.evaluate(c, on: d("2020-06-01"), rules: rules).state == .valid)
        #expect(PostHistory.uncleared(cert, on: d("2024-01-01"), rules: rules) == nil)
    }
}
