import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 13, the training-hours ledger through the service: events with
/// attendees, the hours table for a date (R-HOURS-1/2/3, R-EMP-3), the file
/// import (all or nothing), and tenancy on every write and read.
@Suite("Training-hours ledger (R-HOURS-1/2/3, R-EMP-3, R-EMP-1)")
struct LedgerServiceTests {
    /// 2026-06-15, midday in China: every date below is fixed, not relative to the machine's clock.
    static let clock = TestClock(CivilDate(iso: "2026-06-15")!.startInChina.addingTimeInterval(12 * 3_600))

    static func worker(_ services: Services, _ fx: RegistryFixture, name: String, sequence: Int, start: String,
                       roles: [EmploymentRole] = [.employee], type: EmploymentType = .regular) async throws -> Person {
        try await services.people.create(fx.admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: "140825", birth: "1990-02-1\(sequence % 10)", sequence: 200 + sequence), name: name,
            employment: EmploymentInput(enterpriseId: fx.a.enterprise.id, roles: roles, employmentType: type, post: "采掘工",
                                        hazardousPost: false, startDate: start, endDate: nil)))
    }

    func event(_ fx: RegistryFixture, _ kind: String, _ date: String, _ hours: Int, _ people: [Person], title: String = "") -> TrainingEventInput {
        TrainingEventInput(enterpriseId: fx.a.enterprise.id, kind: kind, date: date, hours: hours, trainer: "安全科", title: title,
                           attendees: people.map(\.id))
    }

    @Test("R-EMP-3 / R-HOURS-2: 72 hours before the first day in a high-risk sector; one hour short is 未培训先上岗")
    func initialHours() async throws {
        let services = try TestDatabase.services(clock: Self.clock)
        let fx = try await RegistryFixture.make(services)  // 企业a is 非煤矿山: high-risk for training
        let full = try await Self.worker(services, fx, name: "足时", sequence: 1, start: "2026-03-02")
        let short = try await Self.worker(services, fx, name: "欠时", sequence: 2, start: "2026-03-02", type: .dispatched)
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_company", "2026-02-20", 24, [full, short]))
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_workshop", "2026-02-25", 24, [full, short]))
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_team", "2026-03-02", 24, [full]))
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_team", "2026-03-02", 23, [short]))
        // Training after the first day does not make up for it.
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_team", "2026-03-03", 8, [short]))
        let table = try await services.ledger.hours(fx.a.enterpriseUser, enterprise: UUID(uuidString: fx.a.enterprise.id)!, on: nil)
        let byName = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })
        #expect(byName["足时"]?.initialRecorded == 72 && byName["足时"]?.initialRequired == 72 && byName["足时"]?.untrainedAtStart == false)
        #expect(byName["欠时"]?.initialRecorded == 71 && byName["欠时"]?.untrainedAtStart == true)
        #expect(byName["欠时"]?.shortfalls.first?.rule == "R-EMP-3" && byName["欠时"]?.totalRecorded == 79)
        // The fixture's principal (R-HOURS-1, high-risk: 48 initial, 16 a year) has no ledger at all since 2020.
        let principal = try #require(byName["人员a"])
        #expect(principal.management && principal.initialRequired == 48 && principal.annualRequired == 16)
        // 16 hours in the last full year (2025); 2026 is not over.
        #expect(principal.shortfalls.filter { $0.rule == "R-HOURS-1/2" }.map(\.message) == ["2025 年再培训 0 学时，应不少于 16 学时"])
        #expect(principal.untrainedAtStart)
    }

    @Test("Recording an event again adds attendees without counting the hours twice; a stranger is refused, nothing written")
    func idempotentAndTenancy() async throws {
        let services = try TestDatabase.services(clock: Self.clock)
        let fx = try await RegistryFixture.make(services)
        let w = try await Self.worker(services, fx, name: "甲", sequence: 3, start: "2025-01-06")
        let first = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "annual", "2026-04-10", 8, [w], title: "年度再培训"))
        #expect(first.added == 1 && first.attendees == 1)
        let principal = fx.a.person
        let again = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "annual", "2026-04-10", 8, [w, principal], title: "年度再培训"))
        #expect(again.id == first.id && again.added == 1 && again.attendees == 2)
        // 人员b works for 企业b only.
        do {
            _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "annual", "2026-04-11", 8, [w, fx.b.person]))
            Issue.record("a stranger was recorded")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.field) == ["attendees[1]"] && errors.first?.code == "not_employed")
        }
        let events = try await services.ledger.events(fx.a.enterpriseUser, enterpriseID: nil, personID: nil, kind: nil, from: nil, to: nil,
                                                      limit: 50, offset: 0)
        #expect(events.count == 1)
        // Another enterprise cannot write into this ledger or read it; a regulator reads, but does not write.
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.ledger.record(fx.b.enterpriseUser, event(fx, "annual", "2026-04-12", 8, [w]))
        }
        await #expect(throws: ServiceError.forbidden) { try await services.ledger.record(fx.a.regulator, event(fx, "annual", "2026-04-12", 8, [w])) }
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.ledger.hours(fx.b.enterpriseUser, enterprise: UUID(uuidString: fx.a.enterprise.id)!, on: nil)
        }
        await #expect(throws: ServiceError.notFound(entity: "training_event")) {
            try await services.ledger.get(fx.b.regulator, id: UUID(uuidString: first.id)!)
        }
        #expect(try await services.ledger.events(fx.b.enterpriseUser, enterpriseID: nil, personID: nil, kind: nil, from: nil, to: nil,
                                                 limit: 50, offset: 0).isEmpty)
        #expect(try await services.ledger.get(fx.a.regulator, id: UUID(uuidString: first.id)!).attendees == 2)
    }

    @Test("Bad input: an unknown kind, a future date, hours out of range, an empty list, each named")
    func badInput() async throws {
        let services = try TestDatabase.services(clock: Self.clock)
        let fx = try await RegistryFixture.make(services)
        do {
            _ = try await services.ledger.record(fx.a.enterpriseUser, TrainingEventInput(
                enterpriseId: fx.a.enterprise.id, kind: "party", date: "2026-06-16", hours: 0, attendees: []))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(Set(errors.map(\.field)) == ["kind", "date", "hours", "attendees"])
            #expect(errors.allSatisfy { !$0.message.zh.isEmpty })
        }
    }

    @Test("R-HOURS-3: a post change makes workshop and team training due; it is recorded on the employment")
    func postChange() async throws {
        let services = try TestDatabase.services(clock: Self.clock)
        let fx = try await RegistryFixture.make(services)
        let w = try await Self.worker(services, fx, name: "转岗", sequence: 4, start: "2026-01-05")
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_company", "2026-01-05", 72, [w]))
        let employment = UUID(uuidString: try #require(w.employments.first).id)!
        var patch = EmploymentPatch()
        patch.post = "爆破工"
        let moved = try await services.people.updateEmployment(fx.a.enterpriseUser, id: employment, patch)
        #expect(moved.employments.first?.postChangedOn == "2026-06-15")
        let enterprise = UUID(uuidString: fx.a.enterprise.id)!
        var row = try #require(try await services.ledger.hours(fx.a.enterpriseUser, enterprise: enterprise, on: nil).first { $0.name == "转岗" })
        #expect(row.shortfalls.map(\.rule) == ["R-HOURS-3"] && row.postChangedOn == "2026-06-15")
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "post_change", "2026-06-15", 8, [w]))
        row = try #require(try await services.ledger.hours(fx.a.enterpriseUser, enterprise: enterprise, on: nil).first { $0.name == "转岗" })
        #expect(row.shortfalls.isEmpty)
        // A given day before the start is refused.
        var bad = EmploymentPatch()
        bad.postChangedOn = "2025-12-31"
        await #expect(throws: ServiceError.self) { try await services.people.updateEmployment(fx.a.enterpriseUser, id: employment, bad) }
    }

    @Test("The attendance file: all rows or none, each bad row named by number and column; a second run changes nothing")
    func importFile() async throws {
        let services = try TestDatabase.services(clock: Self.clock)
        let fx = try await RegistryFixture.make(services)
        let w = try await Self.worker(services, fx, name: "导入", sequence: 5, start: "2026-02-02")
        let enterprise = UUID(uuidString: fx.a.enterprise.id)!
        let good = LedgerService.template.components(separatedBy: "\r\n")[0] + "\r\n"
            + "三级教育（厂级）,2026-02-01,24,安全科,入厂教育,\(w.documentNumber),导入,\r\n"
            + "induction_workshop,2026-02-01,24,车间,,\(w.documentNumber),导入,居民身份证\r\n"
            + "三级教育（厂级）,2026-02-01,24,安全科,入厂教育,\(fx.a.person.documentNumber),人员a,\r\n"
        let bad = good + "年会,2026-13-01,300,,,\(fx.b.person.documentNumber),人员b,\r\n"
            + "annual,2026-03-01,8,,,\(fx.b.person.documentNumber),人员b,\r\n"
            + "annual,2026-03-01,8,,,\(w.documentNumber),别人,\r\n"
        let rejected = try await services.ledger.importAttendance(fx.a.enterpriseUser, enterprise: enterprise, data: Data(bad.utf8), dryRun: false)
        #expect(!rejected.accepted && Set(rejected.errors.map(\.row)) == [5])  // field errors first: the database is not asked
        #expect(Set(rejected.errors.filter { $0.row == 5 }.map(\.column)) == ["培训类别", "培训日期", "学时"])
        let rejected2 = try await services.ledger.importAttendance(fx.a.enterpriseUser, enterprise: enterprise,
                                                                    data: Data((good + "annual,2026-03-01,8,,,\(fx.b.person.documentNumber),人员b,\r\nannual,2026-03-01,8,,,\(w.documentNumber),别人,\r\n").utf8), dryRun: false)
        #expect(!rejected2.accepted && rejected2.errors.map(\.row) == [5, 6] && rejected2.errors.map(\.code) == ["not_employed", "name_mismatch"])
        #expect(try await services.ledger.events(fx.a.enterpriseUser, enterpriseID: enterprise, personID: nil, kind: nil, from: nil, to: nil,
                                                 limit: 50, offset: 0).isEmpty)
        let dry = try await services.ledger.importAttendance(fx.a.enterpriseUser, enterprise: enterprise, data: Data(good.utf8), dryRun: true)
        #expect(dry.accepted && dry.eventsCreated == 2 && dry.attendancesAdded == 3)
        // GB18030, as Excel on a Chinese Windows saves it.
        let gb = try TextDecoding.encodeGB18030(good)
        let done = try await services.ledger.importAttendance(fx.a.enterpriseUser, enterprise: enterprise, data: gb, dryRun: false)
        #expect(done.accepted && done.encoding == .gb18030 && done.eventsCreated == 2 && done.attendancesAdded == 3 && done.unchanged == 0)
        let again = try await services.ledger.importAttendance(fx.a.enterpriseUser, enterprise: enterprise, data: Data(good.utf8), dryRun: false)
        #expect(again.accepted && again.eventsCreated == 0 && again.attendancesAdded == 0 && again.unchanged == 3)
        let row = try #require(try await services.ledger.hours(fx.a.enterpriseUser, enterprise: enterprise, on: nil).first { $0.name == "导入" })
        #expect(row.initialRecorded == 48)
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.ledger.importAttendance(fx.b.enterpriseUser, enterprise: enterprise, data: Data(good.utf8), dryRun: false)
        }
    }
}
