import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("Certificates: registration, status, reviews, the work check")
struct CertificateServiceTests {
    func iso(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test("register with the default number, status by date, work check allowed and refused (R-CERT-1, R-CERT-5)")
    func lifecycle() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2022-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let person = UUID(uuidString: fx.a.person.id)!
        let cert = try await services.certificates.register(fx.a.regulator, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2020-03-15"))
        #expect(cert.certificate.number == "T" + fx.a.person.documentNumber)   // R-CERT-9
        #expect(cert.certificate.validityEnd == "2026-03-15")                   // R-CERT-3
        #expect(cert.status.state == .valid && cert.status.ruleSet == "MEM-30" && cert.status.reviewDue == "2023-03-15")

        let ok = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2")
        #expect(ok.allowed && ok.certificates.count == 1)
        let otherItem = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "2.1")
        #expect(!otherItem.allowed && otherItem.reasons.map(\.rule) == ["R-CERT-1"])
        // On a later date the review is overdue: refused, with the rule and the date.
        let late = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2023-03-16"))
        #expect(!late.allowed && late.reasons.map(\.rule) == ["R-CERT-13"] && late.reasons[0].date == "2023-03-16")

        // Reviews: too few hours, then outside the window, then a good one.
        let id = UUID(uuidString: cert.certificate.id)!
        do {
            _ = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-02-01", trainingHours: 6, passed: true))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["review_refused_r_cert_5"])
        }
        await #expect(throws: ServiceError.self) {
            try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2022-12-01", trainingHours: 8, passed: true))
        }
        // Issue 9 (contract fuzzer): a date before any rule set, or absurd hours, is the caller's error (422), not a 500.
        for input in [ReviewInput(date: "2000-01-01", trainingHours: 8, passed: true),
                      ReviewInput(date: "2023-02-01", trainingHours: 2_147_483_647, passed: true)] {
            do {
                _ = try await services.certificates.review(fx.a.regulator, id: id, input)
                Issue.record("accepted \(input.date)")
            } catch ServiceError.validation(let errors) {
                #expect(["no_rule_set", "out_of_range"].contains(errors.first?.code ?? ""))
            }
        }
        // R-CERT-5 (Art. 23): no passed exam for this certificate, no passed review.
        do {
            _ = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-02-01", trainingHours: 8, passed: true))
            Issue.record("a review passed without an exam")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["exam_required"])
        }
        clock.advance(by: 246 * 86_400)  // to 2023-02-02: results are entered after the exam, never before
        // An exam older than 12 months does not count (R-CERT-9); one within them does.
        try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2022-01-15")
        await #expect(throws: ServiceError.self) {
            try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-02-01", trainingHours: 8, passed: true))
        }
        let stale = try await services.exams.list(fx.admin, personID: nil, purpose: "certificate_review", subjectID: cert.certificate.id, limit: 10, offset: 0)
        #expect(stale.count == 1 && stale[0].mode == "paper" && stale[0].passed == true)
        try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2023-01-20")
        await #expect(throws: ServiceError.self) {  // passed already in this cycle: no second exam
            try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2023-01-21")
        }
        let reviewed = try await services.certificates.review(fx.a.regulator, id: id, .init(date: "2023-02-01", trainingHours: 8, passed: true))
        #expect(reviewed.certificate.reviews.count == 1)
        clock.advance(by: -246 * 86_400)  // back to 2022-06-01
        #expect(try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2023-03-16")).allowed)

        // Revocation (R-CERT-7) from its date on.
        let revoked = try await services.certificates.end(
            fx.admin, id: id, revoke: true, .init(date: "2022-07-01", reason: "以欺骗手段取得", cause: "fraud_or_bribery"))
        #expect(revoked.status.state == .valid)  // clock is 2022-06-01, before the revocation date
        let after = try await services.certificates.get(fx.a.regulator, id: id, on: iso("2022-07-01"))
        #expect(after.status.state == .revoked && !after.status.mayWork)
        // R-CERT-14: revoked once; a second revocation is refused, not overwritten.
        await #expect(throws: ServiceError.self) {
            try await services.certificates.end(
                fx.admin, id: id, revoke: true, .init(date: "2022-08-01", reason: "再次", cause: "no_longer_fit"))
        }
        #expect(try await services.certificates.get(fx.admin, id: id).certificate.revokedOn == "2022-07-01")
    }

    /// Issue 11 §2 (R-CERT-14): causes from the fixed lists of Art. 30/31; fraud
    /// and false information bar a new application for three years.
    @Test("revocation and cancellation causes from the fixed lists; fraud bars a new application for 3 years (R-CERT-14)")
    func endingCauses() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2022-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2020-03-15"))
        let id = UUID(uuidString: cert.certificate.id)!
        func codes(_ revoke: Bool, _ cause: String?) async -> [String] {
            do {
                _ = try await services.certificates.end(fx.admin, id: id, revoke: revoke, .init(date: "2022-05-01", reason: "x", cause: cause))
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map { "\($0.field):\($0.code)" }
            } catch {
                return ["\(error)"]
            }
        }
        #expect(await codes(true, nil) == ["cause:required"])
        #expect(await codes(true, "death") == ["cause:invalid_cause"])        // a cancellation cause for a revocation
        #expect(await codes(false, "fraud_or_bribery") == ["cause:invalid_cause"])
        #expect(await codes(true, "false_information") == [])
        // Within three years of a revocation for false information, no new certificate.
        do {
            _ = try await services.certificates.register(fx.admin, CertificateInput(
                personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "运城市应急管理局", firstIssued: "2022-05-20"))
            Issue.record("registered within the bar")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["application_barred"] && errors[0].message.zh.contains("R-CERT-14"))
        }
        // Issued three years after the revocation: allowed (the clock moves on).
        clock.advance(by: 3 * 366 * 86_400)
        let later = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "2.1", number: "SX2025000001", issuingAuthority: "运城市应急管理局", firstIssued: "2025-05-01"))
        #expect(later.status.state == .valid)
    }

    // Issue 10 (one clock): R-CERT-8 used SQL now() to decide "on post"; a
    // status for a date must use that date. A post that ends on 31 January 2027
    // makes a practical exam due six months later, whatever today is.
    /// Issue 11 §2: the worst defect the audit found — every renewed certificate
    /// showed as overdue and its holder failed the work check (R-CERT-12).
    @Test("a renewed certificate: valid and reviewable, the holder passes the work check (R-CERT-12); no work before issue (R-CERT-1)")
    func renewed() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2022-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let person = UUID(uuidString: fx.a.person.id)!
        let cert = try await services.certificates.register(fx.a.regulator, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2012-05-10",
            validityStart: "2018-05-10", validityEnd: "2024-05-10"))
        #expect(cert.certificate.firstIssued == "2012-05-10" && cert.certificate.validityStart == "2018-05-10")
        #expect(cert.status.reviewDue == "2021-05-10" && cert.status.state == .lapsed)  // not yet reviewed in this period
        let id = UUID(uuidString: cert.certificate.id)!
        try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2021-03-20")
        _ = try await services.certificates.review(fx.a.regulator, id: id, ReviewInput(date: "2021-04-01", trainingHours: 8, passed: true))
        let check = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2")
        #expect(check.allowed, "\(check.reasons.map(\.message))")
        #expect(check.certificates.first?.status.state == .valid && check.certificates.first?.status.reviewDue == "2024-05-10")
        // R-CERT-1: the day before the first issue, nobody may work on it.
        let before = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2012-05-09"))
        #expect(!before.allowed && before.certificates.first?.status.state == .notYetIssued)
    }

    /// Issue 11 §2 (R-CERT-12, 延期复审): the end-of-validity review, passed in
    /// its window, starts a new six-year period from the old end; the number
    /// stays and the old period is kept.
    @Test("a renewal review passed before the end of validity renews for six years (R-CERT-12)")
    func renewalReview() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2024-04-10T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let person = UUID(uuidString: fx.a.person.id)!
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2018-05-10"))
        let id = UUID(uuidString: cert.certificate.id)!
        try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2021-04-01")
        _ = try await services.certificates.review(fx.admin, id: id, ReviewInput(date: "2021-04-01", trainingHours: 8, passed: true))
        // The 2021 exam served the 2021 review; the renewal needs its own (R-CERT-5).
        await #expect(throws: ServiceError.self) {
            try await services.certificates.review(fx.admin, id: id, ReviewInput(date: "2024-04-01", trainingHours: 8, passed: true))
        }
        try await ExamFixture.passFor(services, fx.admin, certificate: id, date: "2024-03-25")
        let renewed = try await services.certificates.review(fx.admin, id: id, ReviewInput(date: "2024-04-01", trainingHours: 8, passed: true))
        #expect(renewed.certificate.validityStart == "2024-05-10" && renewed.certificate.validityEnd == "2030-05-10")
        #expect(renewed.certificate.number == cert.certificate.number)
        #expect(renewed.certificate.earlierPeriods.map { "\($0.start)/\($0.end)" } == ["2018-05-10/2024-05-10"])
        // The day after the old end the holder still works; the next review is three years into the new period.
        let after = try await services.certificates.workCheck(fx.a.enterpriseUser, personID: person, itemCode: "1.2", on: iso("2024-05-11"))
        #expect(after.allowed && after.certificates.first?.status.reviewDue == "2027-05-10")
        // A mid-period review does not renew.
        #expect(renewed.status.state == .valid)
    }

    /// Issue 11 §2: a rule set applies by the event's date. A later rule set
    /// (here a made-up one with two-year reviews from 2025) does not change the
    /// schedule of a certificate issued under MEM-30.
    @Test("rule sets apply by the issue date, not by the date asked about")
    func ruleSetByIssueDate() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2025-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        try await services.pool.withConnection { conn in
            try conn.query("""
                INSERT INTO certificate_rule_sets (id, effective_from, name, params)
                SELECT 'TEST-2025', '2025-01-01', 'test', params || '{"reviewIntervalYears": 2}' FROM certificate_rule_sets WHERE id = 'MEM-30'
                """)
        }
        let old = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2020-03-15"))
        try await ExamFixture.passFor(services, fx.admin, certificate: UUID(uuidString: old.certificate.id)!, date: "2023-01-10")
        _ = try await services.certificates.review(fx.admin, id: UUID(uuidString: old.certificate.id)!,
                                                   ReviewInput(date: "2023-02-01", trainingHours: 8, passed: true))
        let status = try await services.certificates.get(fx.admin, id: UUID(uuidString: old.certificate.id)!).status
        #expect(status.ruleSet == "MEM-30" && status.state == .valid && status.reviewDue == "2026-03-15")
        let new = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.b.person.id, itemCode: "1.2", issuingAuthority: "上海市应急管理局", firstIssued: "2025-03-01"))
        #expect(new.status.ruleSet == "TEST-2025" && new.status.reviewDue == "2027-03-01")
    }

    /// Issue 11 §2 (R-CERT-4): the extension consent is recorded at any time in
    /// the validity, and the holder's eligibility is shown.
    @Test("an extension consent is recorded after registration; eligibility is shown (R-CERT-4)")
    func extensionConsent() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2022-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2020-03-15"))
        let id = UUID(uuidString: cert.certificate.id)!
        #expect(cert.status.extensionEligible == false && cert.certificate.extensionConsentDate == nil)
        func codes(_ input: ExtensionConsent) async -> [String] {
            do {
                _ = try await services.certificates.recordExtensionConsent(fx.admin, id: id, input)
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map { "\($0.field):\($0.code)" }
            } catch {
                return ["\(error)"]
            }
        }
        #expect(await codes(.init(date: "2019-01-01")) == ["date:outside_validity"])
        #expect(await codes(.init(date: "2022-06-02")) == ["date:in_future"])
        #expect(await codes(.init(date: "2022-05-01", inTradeSince: "2022-05-02")) == ["inTradeSince:after_consent"])
        let consented = try await services.certificates.recordExtensionConsent(fx.admin, id: id, .init(date: "2022-05-01", inTradeSince: "2008-01-01"))
        #expect(consented.certificate.extensionConsentDate == "2022-05-01" && consented.certificate.inTradeSince == "2008-01-01")
        #expect(consented.status.extensionEligible == true)
        // Enterprises may read but not record it.
        await #expect(throws: ServiceError.forbidden) {
            try await services.certificates.recordExtensionConsent(fx.a.enterpriseUser, id: id, .init(date: "2022-05-01"))
        }
    }

    @Test("the validity period: not before the first issue, at most the rule set's six years (R-CERT-3, R-CERT-12)")
    func periodChecks() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2022-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        func codes(_ start: String?, _ end: String?) async -> [String] {
            do {
                _ = try await services.certificates.register(fx.admin, CertificateInput(
                    personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "运城市应急管理局", firstIssued: "2016-01-01",
                    validityStart: start, validityEnd: end))
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map { "\($0.field):\($0.code)" }
            } catch {
                return ["\(error)"]
            }
        }
        #expect(await codes(nil, "2022-01-02") == ["validityEnd:validity_too_long"])       // 6 years and a day
        #expect(await codes("2015-12-31", nil) == ["validityStart:before_issue"])
        #expect(await codes("2020-01-01", "2019-12-31") == ["validityEnd:before_issue"])
        #expect(await codes("2022-06-02", nil) == ["validityStart:in_future"])
        #expect(await codes("2020-01-01", "2026-01-01") == [])                                // a renewal: six years from its start
    }

    @Test("R-CERT-8 is judged for the date asked, not for today")
    func offPostForTheDate() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let worker = try await services.people.create(fx.admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: "140825", birth: "1985-04-04", sequence: 77), name: "电工甲",
            employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: [.specialOperations], employmentType: .regular,
                                        post: "电工", hazardousPost: false, startDate: "2024-01-01", endDate: "2027-01-31")))
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: worker.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2025-06-01"))
        let id = UUID(uuidString: cert.certificate.id)!
        let onPost = try await services.certificates.get(fx.admin, id: id, on: CivilDate(iso: "2026-12-15")!)
        #expect(onPost.status.state != .needsPracticalExam)
        let later = try await services.certificates.get(fx.admin, id: id, on: CivilDate(iso: "2027-09-01")!)
        #expect(later.status.state == .needsPracticalExam, "\(later.status.state)")
    }

    @Test("tenants: other regions and enterprises get 404; enterprises and institutions may not register")
    func isolation() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let cert = try await services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "某局", firstIssued: "2024-02-29"))
        let id = UUID(uuidString: cert.certificate.id)!
        #expect(cert.certificate.validityEnd == "2030-02-28")
        for call in [fx.b.regulator, fx.b.enterpriseUser, fx.a.institutionUser] {
            await #expect(throws: ServiceError.notFound(entity: "certificate")) { try await services.certificates.get(call, id: id) }
            await #expect(throws: ServiceError.notFound(entity: "person")) {
                try await services.certificates.workCheck(call, personID: UUID(uuidString: fx.a.person.id)!, itemCode: "2.1")
            }
        }
        await #expect(throws: ServiceError.notFound(entity: "person")) {
            try await services.certificates.register(fx.b.regulator, CertificateInput(
                personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "x", firstIssued: "2024-01-01"))
        }
        for call in [fx.a.enterpriseUser, fx.a.institutionUser] {
            await #expect(throws: ServiceError.forbidden) {
                try await services.certificates.register(call, CertificateInput(
                    personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "x", firstIssued: "2024-01-01"))
            }
        }
        // Bad input: unknown item, future issue date, duplicate number.
        do {
            _ = try await services.certificates.register(fx.admin, CertificateInput(
                personId: fx.a.person.id, itemCode: "99.1", issuingAuthority: "x", firstIssued: "2099-01-01"))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(Set(errors.map(\.code)) == ["unknown_item", "in_future"])
        }
        await #expect(throws: ServiceError.self) {
            try await services.certificates.register(fx.admin, CertificateInput(
                personId: fx.a.person.id, itemCode: "2.2", issuingAuthority: "x", firstIssued: "2024-01-01"))  // same default number
        }
    }

    @Test("the enterprise table filters by computed status and expiry; special-operations staff without a valid certificate are listed")
    func enterpriseQueries() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2025-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let ent = fx.a.enterprise.id
        func worker(_ seq: Int, _ name: String) async throws -> Person {
            try await services.people.create(fx.a.enterpriseUser, .init(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1985-05-05", sequence: seq), name: name,
                employment: EmploymentInput(enterpriseId: ent, roles: [.specialOperations], employmentType: .regular,
                                            post: "电工", hazardousPost: false, startDate: "2019-01-01", endDate: nil)))
        }
        let ok = try await worker(51, "持证甲")
        let overdue = try await worker(53, "逾期乙")
        let none = try await worker(55, "无证丙")
        _ = try await services.certificates.register(fx.admin, CertificateInput(
            personId: ok.id, itemCode: "1.2", issuingAuthority: "局", firstIssued: "2023-01-10"))   // due 2026-01-10
        _ = try await services.certificates.register(fx.admin, CertificateInput(
            personId: overdue.id, itemCode: "2.1", issuingAuthority: "局", firstIssued: "2021-01-10"))  // due 2024-01-10: overdue
        let all = try await services.certificates.enterpriseTable(fx.a.enterpriseUser, enterpriseID: UUID(uuidString: ent)!, .init())
        #expect(all.total == 2)
        let overdueRows = try await services.certificates.enterpriseTable(
            fx.a.regulator, enterpriseID: UUID(uuidString: ent)!, .init(state: .lapsed))
        #expect(overdueRows.items.map(\.personName) == ["逾期乙"])
        let electrical = try await services.certificates.enterpriseTable(
            fx.a.regulator, enterpriseID: UUID(uuidString: ent)!, .init(category: "1"))
        #expect(electrical.items.map(\.itemCode) == ["1.2"])
        let expiring = try await services.certificates.enterpriseTable(
            fx.admin, enterpriseID: UUID(uuidString: ent)!, .init(expiringWithinDays: 365 * 2))
        #expect(expiring.items.map(\.personName) == ["逾期乙"])  // validity ends 2027-01-10
        let unlicensed = try await services.certificates.unlicensed(fx.a.enterpriseUser, enterpriseID: UUID(uuidString: ent)!)
        #expect(Set(unlicensed.map(\.personName)) == [overdue.name, none.name])
        #expect(unlicensed.first { $0.personName == overdue.name }?.certificates.first?.status.state == .lapsed)
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.certificates.unlicensed(fx.b.enterpriseUser, enterpriseID: UUID(uuidString: ent)!)
        }
    }

    @Test("regulator report: every number for a hand-built scenario, drill-down, scope")
    func report() async throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2025-06-01T04:00:00Z")!)
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let ent = fx.a.enterprise.id
        func worker(_ seq: Int, _ name: String, start: String = "2019-01-01", end: String? = nil) async throws -> Person {
            try await services.people.create(fx.admin, .init(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1985-05-05", sequence: seq), name: name,
                employment: EmploymentInput(enterpriseId: ent, roles: [.specialOperations], employmentType: .regular,
                                            post: "电工", hazardousPost: false, startDate: start, endDate: end)))
        }
        let ok = try await worker(61, "甲")            // valid, validity ends 2025-08-01: expiring within 90 days
        let overdue = try await worker(63, "乙")       // review overdue
        _ = try await worker(65, "丙")                 // no certificate
        _ = try await worker(67, "丁", start: "2010-01-01", end: "2024-06-30")  // left before the year: not counted
        _ = try await services.certificates.register(fx.admin, CertificateInput(
            personId: ok.id, itemCode: "1.2", issuingAuthority: "局", firstIssued: "2019-08-01", validityEnd: "2025-08-01"))
        _ = try await services.certificates.register(fx.admin, CertificateInput(
            personId: overdue.id, itemCode: "2.1", issuingAuthority: "局", firstIssued: "2021-01-10"))
        // The first certificate had its review in 2022 so that it is valid now.
        let okCert = try await services.certificates.forPerson(fx.admin, personID: UUID(uuidString: ok.id)!)[0]
        try await ExamFixture.passFor(services, fx.admin, certificate: UUID(uuidString: okCert.certificate.id)!, date: "2022-07-01")
        _ = try await services.certificates.review(fx.admin, id: UUID(uuidString: okCert.certificate.id)!,
                                                   .init(date: "2022-07-15", trainingHours: 8, passed: true))

        // R-CERT-2: a valid certificate counts as on the register only once registered nationally.
        let before = try await services.certificates.report(fx.admin, region: "140800", year: 2025)
        #expect(before.total.onRegister == 0 && before.total.notRegistered == 1 && before.registrationDeadline == "2026-12-31")
        #expect(try await services.certificates.reportPeople(fx.a.regulator, region: nil, year: 2025, sector: nil, kind: "not_registered")
            .map(\.name) == ["甲"])
        _ = try await services.certificates.recordNationalRegistration(fx.admin, id: UUID(uuidString: okCert.certificate.id)!, .init(date: "2024-01-01"))
        let r = try await services.certificates.report(fx.admin, region: "140800", year: 2025)
        #expect(r.date == "2025-06-01")
        let expected = CertificateReport.Figures(key: "140800", name: "140800", workers: 3, withValidCertificate: 1, onRegister: 1,
                                                 notRegistered: 0, expiringIn30: 0, expiringIn60: 0, expiringIn90: 1, lapsed: 1)  // 2025-08-01 is 61 days on
        #expect(r.total == expected)
        // The registration counts from its date: on 2023-12-31 it was not registered yet.
        #expect(try await services.certificates.report(fx.admin, region: "140800", year: 2023, date: iso("2023-12-31")).total.onRegister == 0)
        #expect(r.bySector.map(\.key) == ["non_coal_mine"] && r.bySector[0].workers == 3)
        #expect(r.byChildRegion.map(\.key) == ["140825"] && r.byChildRegion[0].name == "新绛县" && r.byChildRegion[0].withValidCertificate == 1)
        // The regulator of 新绛县 sees the same figures for its own region by default.
        let own = try await services.certificates.report(fx.a.regulator, region: nil, year: 2025)
        #expect(own.regionCode == "140825" && own.total.workers == 3)
        // Drill-down.
        let without = try await services.certificates.reportPeople(fx.a.regulator, region: nil, year: 2025, sector: nil, kind: "without_valid")
        #expect(without.map(\.name) == ["丙", "乙"].sorted())
        let unregistered = try await services.certificates.reportPeople(fx.a.regulator, region: nil, year: 2025, sector: "non_coal_mine", kind: "not_on_register")
        #expect(unregistered.map(\.name) == ["丙", "乙"].sorted())
        // 2024: the fourth worker counts, the others too (employed since 2019).
        #expect(try await services.certificates.report(fx.admin, region: "140825", year: 2024).total.workers == 4)
        // Scope.
        await #expect(throws: ServiceError.notFound(entity: "region")) {
            try await services.certificates.report(fx.b.regulator, region: "140825", year: 2025)
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.certificates.report(fx.a.enterpriseUser, region: "140825", year: 2025)
        }
        #expect(try await services.certificates.report(fx.b.regulator, region: nil, year: 2025).total.workers == 0)
    }
}
