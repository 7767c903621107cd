import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// R-CERT-11: 安全生产知识和管理能力考核合格证, 3 years, re-examination within the
/// 60 days before expiry, theory exam passed at 80 of 100.
@Suite("Management-competence certificate rules (R-CERT-11)")
struct ManagementCertificateTests {
    let rules = CertificateRuleSet.mem30
    /// Issued on a leap day: 3 years later is 2027-02-28 (no 29th), the window opens 2026-12-30.
    let cert = ManagementCertificate(issued: d("2024-02-29"))

    @Test("status around expiry, issued on 29 February", arguments: [
        ("2024-02-29", CertificateStatus.State.valid, true, "2027-02-28"),
        ("2026-12-29", .valid, true, "2027-02-28"),             // the day before the window
        ("2026-12-30", .reviewWindowOpen, true, "2027-02-28"),  // exactly 60 days before
        ("2027-02-28", .reviewWindowOpen, true, "2027-02-28"),  // the last valid day
        ("2027-03-01", .expired, false, "2027-02-28"),          // one day late
    ])
    func schedule(on: String, state: CertificateStatus.State, mayWork: Bool, end: String) {
        let s = ManagementCertificateStatus.evaluate(cert, on: d(on), rules: rules)
        #expect(s.state == state)
        #expect(s.mayWork == mayWork)
        #expect(s.reasons.map(\.rule) == ["R-CERT-11"])
        #expect(s.reasons[0].date == d(end))
        #expect(s.ruleSet == "MEM-30")
    }

    @Test("a passed re-examination continues validity from the previous end, from its own date on")
    func renewal() {
        var c = cert
        c.reexaminations = [.init(date: d("2027-01-10"), score: 85)]
        #expect(c.validityEnd(asOf: d("2027-01-09"), rules: rules) == d("2027-02-28"))
        #expect(c.validityEnd(asOf: d("2027-01-10"), rules: rules) == d("2030-02-28"))
        let after = ManagementCertificateStatus.evaluate(c, on: d("2027-03-01"), rules: rules)
        #expect(after.state == .valid && after.mayWork && after.reviewDue == d("2030-02-28"))
        // Below the pass mark it does not count even if recorded.
        c.reexaminations = [.init(date: d("2027-01-10"), score: 79)]
        #expect(c.validityEnd(asOf: d("2027-06-01"), rules: rules) == d("2027-02-28"))
    }

    @Test("re-examination refused outside the window, after lapse, below 80, or once revoked", arguments: [
        ("2026-12-29", 90, ["R-CERT-11"]),   // one day before the window
        ("2026-12-30", 80, []),              // first day of the window, exactly the pass mark
        ("2027-02-28", 100, []),             // last valid day
        ("2027-03-01", 95, ["R-CERT-11"]),   // lapsed: a new exam, not a re-examination
        ("2027-01-15", 79, ["R-CERT-11"]),   // one point short
        ("2027-01-15", 101, ["R-CERT-11"]),  // not a score
    ])
    func refusals(on: String, score: Int, rules expected: [String]) {
        let refusals = ManagementCertificateStatus.reexaminationRefusals(cert, on: d(on), score: score, rules: rules)
        #expect(refusals.map(\.rule) == expected)
    }

    @Test("revocation ends validity from its date and refuses re-examination")
    func revoked() {
        var c = cert
        c.revoked = .init(date: d("2025-05-01"), reason: "考核作弊")
        #expect(ManagementCertificateStatus.evaluate(c, on: d("2025-04-30"), rules: rules).state == .valid)
        let s = ManagementCertificateStatus.evaluate(c, on: d("2025-05-01"), rules: rules)
        #expect(s.state == .revoked && !s.mayWork && s.reasons[0].date == d("2025-05-01"))
        #expect(!ManagementCertificateStatus.reexaminationRefusals(c, on: d("2027-01-15"), score: 90, rules: rules).isEmpty)
    }
}
