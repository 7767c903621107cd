import AnpeiDomain
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// R-CERT-3 … R-CERT-8, R-CERT-11 under MEM-30 (原安监总局令第30号).
@Suite("Certificate status rules")
struct CertificateStatusTests {
    let rules = CertificateRuleSet.mem30
    /// Issued 2020-03-15: review due 2023-03-15 (R-CERT-4), window opens 60 days
    /// earlier on 2023-01-14 (R-CERT-5), valid until 2026-03-15 (R-CERT-3).
    let cert = SpecialOpCertificate(firstIssued: d("2020-03-15"))

    @Test("the review schedule around the due date", arguments: [
        ("2022-06-01", CertificateStatus.State.valid, true),
        ("2023-01-13", .valid, true),                 // the day before the window
        ("2023-01-14", .reviewWindowOpen, true),      // exactly 60 days before
        ("2023-03-15", .reviewWindowOpen, true),      // the due day itself
        ("2023-03-16", .lapsed, false),               // one day late: lapsed, terminal (R-CERT-13)
        ("2026-03-16", .lapsed, false),               // past validity, but lapsed since 2023 (R-CERT-13: the earlier, terminal event)
    ])
    func schedule(on: String, state: CertificateStatus.State, mayWork: Bool) {
        let s = CertificateStatus.evaluate(cert, on: d(on), rules: rules)
        #expect(s.state == state)
        #expect(s.mayWork == mayWork)
        #expect(s.ruleSet == "MEM-30")
        #expect(!s.reasons.isEmpty)
    }

    @Test("R-CERT-13: the lapse names the rule, the missed due date and the first lapsed day")
    func reasons() {
        let s = CertificateStatus.evaluate(cert, on: d("2023-03-16"), rules: rules)
        #expect(s.reasons.map(\.rule) == ["R-CERT-13"])
        #expect(s.reasons[0].date == d("2023-03-16"))
        #expect(s.reasons[0].message.zh.contains("2023-03-15") && s.reasons[0].message.zh.contains("失效"))
    }

    @Test("a passed review in its window moves the next due date three years on")
    func reviewed() {
        var c = cert
        c.reviews = [.init(date: d("2023-02-01"), trainingHours: 8, passed: true)]
        let s = CertificateStatus.evaluate(c, on: d("2024-01-01"), rules: rules)
        #expect(s.state == .valid && s.reviewDue == d("2026-03-15"))
        // A failed review does not count.
        c.reviews = [.init(date: d("2023-02-01"), trainingHours: 8, passed: false)]
        #expect(CertificateStatus.evaluate(c, on: d("2024-01-01"), rules: rules).state == .lapsed)
        // Nor does one made before the window opened.
        c.reviews = [.init(date: d("2023-01-13"), trainingHours: 8, passed: true)]
        #expect(CertificateStatus.evaluate(c, on: d("2024-01-01"), rules: rules).state == .lapsed)
    }

    @Test("issued on 29 February: due dates and validity end clamp to 28 February")
    func leapDay() {
        let c = SpecialOpCertificate(firstIssued: d("2024-02-29"))
        #expect(c.validityEnd == d("2030-02-28"))
        #expect(CertificateStatus.evaluate(c, on: d("2026-12-29"), rules: rules).state == .valid)
        #expect(CertificateStatus.evaluate(c, on: d("2026-12-30"), rules: rules).state == .reviewWindowOpen)  // 60 days before 2027-02-28
        let due = CertificateStatus.evaluate(c, on: d("2027-02-28"), rules: rules)
        #expect(due.state == .reviewWindowOpen && due.reviewDue == d("2027-02-28"))
        #expect(CertificateStatus.evaluate(c, on: d("2027-03-01"), rules: rules).state == .lapsed)
    }

    @Test("R-CERT-4: the six-year interval applies only with consent, ten years in the trade and no violations")
    func extensionRule() {
        var c = cert
        c.extensionConsent = .init(date: d("2020-03-15"))
        c.inTradeSince = d("2008-01-01")
        // Conditions met: the next review is the end-of-validity review.
        let met = CertificateStatus.evaluate(c, on: d("2023-03-16"), rules: rules)
        #expect(met.state == .valid && met.reviewDue == d("2026-03-15"))
        #expect(ReviewSchedule.extensionApplies(c, at: d("2020-03-15"), rules: rules))
        // Not ten years in the trade yet.
        var short = c
        short.inTradeSince = d("2015-01-01")
        #expect(CertificateStatus.evaluate(short, on: d("2023-03-16"), rules: rules).state == .lapsed)
        // A violation.
        var broke = c
        broke.violations = 1
        #expect(CertificateStatus.evaluate(broke, on: d("2023-03-16"), rules: rules).state == .lapsed)
        // No consent.
        var none = c
        none.extensionConsent = nil
        #expect(CertificateStatus.evaluate(none, on: d("2023-03-16"), rules: rules).state == .lapsed)
    }

    @Test("R-CERT-7/14: revocation and cancellation from their date on; a revoked (hence cancelled) certificate shows as revoked")
    func endings() {
        var c = cert
        c.revoked = .init(date: d("2022-05-01"), reason: "提供虚假材料")
        #expect(CertificateStatus.evaluate(c, on: d("2022-04-30"), rules: rules).state == .valid)
        let revoked = CertificateStatus.evaluate(c, on: d("2022-05-01"), rules: rules)
        #expect(revoked.state == .revoked && !revoked.mayWork && revoked.reasons[0].rule == "R-CERT-7")
        c.cancelled = .init(date: d("2022-05-01"), reason: "撤销后注销")
        #expect(CertificateStatus.evaluate(c, on: d("2022-06-01"), rules: rules).state == .revoked)
        c.revoked = nil
        #expect(CertificateStatus.evaluate(c, on: d("2022-06-01"), rules: rules).state == .cancelled)
    }

    @Test("R-CERT-8: six months off post requires a new practical exam (month ends clamp)")
    func offPost() {
        var c = cert
        c.posts = [.init(start: d("2020-03-01"), end: d("2021-08-31"))]
        #expect(CertificateStatus.evaluate(c, on: d("2022-02-27"), rules: rules).state == .valid)
        let s = CertificateStatus.evaluate(c, on: d("2022-02-28"), rules: rules)
        #expect(s.state == .needsPracticalExam && !s.mayWork && s.reasons.map(\.rule) == ["R-CERT-8"])
    }

    @Test("R-CERT-5/6: when a review may be recorded")
    func reviewRefusals() {
        func rules(_ on: String, hours: Int, violations: Int = 0) -> [String] {
            var c = cert
            c.violations = violations
            return ReviewSchedule.refusals(c, on: d(on), trainingHours: hours, rules: self.rules).map(\.rule)
        }
        #expect(rules("2023-02-01", hours: 8) == [])
        #expect(rules("2023-02-01", hours: 7) == ["R-CERT-5"])
        #expect(rules("2023-01-13", hours: 8) == ["R-CERT-5"])          // window not open
        #expect(rules("2023-03-16", hours: 8) == ["R-CERT-13"])         // too late: lapsed
        #expect(rules("2023-02-01", hours: 8, violations: 2) == ["R-CERT-6"])
        #expect(rules("2023-02-01", hours: 8, violations: 1) == [])
    }

    @Test("rule sets apply by effective date")
    func ruleSets() {
        var successor = CertificateRuleSet.mem30
        successor.id = "MEM-19"
        successor.effectiveFrom = d("2026-06-01")
        let sets = [CertificateRuleSet.mem30, successor]
        #expect(CertificateRuleSet.applicable(on: d("2009-12-31"), among: sets) == nil)
        #expect(CertificateRuleSet.applicable(on: d("2026-05-31"), among: sets)?.id == "MEM-30")
        #expect(CertificateRuleSet.applicable(on: d("2026-06-01"), among: sets)?.id == "MEM-19")
    }

    @Test("R-CERT-11: management-competence certificate, 3 years, re-examination window 60 days")
    func management() {
        let issued = d("2024-02-29")
        #expect(ManagementCertificateStatus.evaluate(issued: issued, on: d("2026-12-29"), rules: rules).state == .valid)
        #expect(ManagementCertificateStatus.evaluate(issued: issued, on: d("2026-12-30"), rules: rules).state == .reviewWindowOpen)
        #expect(ManagementCertificateStatus.evaluate(issued: issued, on: d("2027-02-28"), rules: rules).state == .reviewWindowOpen)
        let late = ManagementCertificateStatus.evaluate(issued: issued, on: d("2027-03-01"), rules: rules)
        #expect(late.state == .expired && !late.mayWork && late.reasons[0].rule == "R-CERT-11")
    }
}
