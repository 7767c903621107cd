import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 13's reports through the service: the regulator's monthly summary
/// (violations, cases, overdue, repeat violators R-3V-4, 未培训先上岗 R-EMP-3)
/// with names for their own region only; the enterprise's report; R-WAVE-5.
@Suite("三违 and training reports (R-3V-4, R-EMP-3, R-WAVE-5)")
struct SafetyReportServiceTests {
    func violation(_ fx: RegistryFixture, _ date: String) -> ViolationInput {
        ViolationInput(personId: fx.a.person.id, enterpriseId: fx.a.enterprise.id, occurredOn: date, kind: "illegal_operation")
    }

    func event(_ fx: RegistryFixture, _ kind: String, _ date: String, _ hours: Int, _ people: [Person]) -> TrainingEventInput {
        TrainingEventInput(enterpriseId: fx.a.enterprise.id, kind: kind, date: date, hours: hours, attendees: people.map(\.id))
    }

    @Test("The monthly summary counts each figure in its month; the names behind it agree with the hours table")
    func monthlySummary() async throws {
        let services = try TestDatabase.services(clock: LedgerServiceTests.clock)
        let fx = try await RegistryFixture.make(services)
        let full = try await LedgerServiceTests.worker(services, fx, name: "足时", sequence: 1, start: "2026-03-02")
        let short = try await LedgerServiceTests.worker(services, fx, name: "欠时", sequence: 2, start: "2026-03-02")
        _ = try await LedgerServiceTests.worker(services, fx, name: "未训", sequence: 3, start: "2026-05-10")
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_company", "2026-03-01", 72, [full]))
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "induction_company", "2026-03-01", 71, [short]))
        _ = try await services.violations.record(fx.a.enterpriseUser, violation(fx, "2026-01-10"))
        _ = try await services.violations.record(fx.a.regulator, violation(fx, "2026-04-10"))

        let summary = try await services.safetyReports.summary(fx.a.regulator, region: nil, year: nil, month: nil, date: nil)
        #expect(summary.region == "140825" && summary.asOf == "2026-06-15" && summary.overdueDays == 30)
        func figure(_ month: String, _ key: KeyPath<SafetySummary.Row, Int>) -> Int {
            summary.rows.filter { $0.month == month }.reduce(0) { $0 + $1[keyPath: key] }
        }
        #expect(summary.rows.allSatisfy { $0.sector == "non_coal_mine" && $0.sectorName == "非煤矿山" && $0.regionCode == "140825" })
        #expect(figure("2026-01", \.violations) == 1 && figure("2026-04", \.violations) == 1 && figure("2026-02", \.violations) == 0)
        #expect(figure("2026-01", \.casesOpened) == 1 && figure("2026-04", \.casesOpened) == 1)
        #expect(figure("2026-01", \.repeatViolators) == 0 && figure("2026-04", \.repeatViolators) == 1)
        // Opened 10 January, still open: overdue at the end of February (more than 30 days), not at the end of January.
        #expect(figure("2026-01", \.casesOverdue) == 0 && figure("2026-02", \.casesOverdue) == 1 && figure("2026-06", \.casesOverdue) == 2)
        #expect(figure("2026-03", \.untrainedStarters) == 1 && figure("2026-05", \.untrainedStarters) == 1)

        // The set-based count agrees with the hours table built by AnpeiDomain.HoursRules, worker by worker.
        let table = try await services.ledger.hours(fx.a.enterpriseUser, enterprise: UUID(uuidString: fx.a.enterprise.id)!, on: nil)
        var named: Set<String> = []
        for month in 1...6 {
            let people = try await services.safetyReports.people(fx.a.regulator, measure: "untrained_starters", region: nil, year: nil, month: month,
                                                                 sector: nil, limit: 100, offset: 0)
            named.formUnion(people.map(\.name))
        }
        #expect(named == Set(table.filter { $0.untrainedAtStart && $0.startedOn >= "2026-01-01" }.map(\.name)))
        #expect(named == ["欠时", "未训"])

        let repeaters = try await services.safetyReports.people(fx.a.regulator, measure: "repeat_violators", region: "140825", year: 2026, month: 4,
                                                                sector: "non_coal_mine", limit: 100, offset: 0)
        #expect(repeaters.map(\.name) == ["人员a"] && repeaters.first?.detail.contains("2") == true)
        #expect(try await services.safetyReports.people(fx.a.regulator, measure: "violations", region: nil, year: nil, month: 1, sector: "commerce",
                                                        limit: 100, offset: 0).isEmpty)
        #expect(try await services.safetyReports.people(fx.a.regulator, measure: "cases_overdue", region: nil, year: nil, month: 6, sector: nil,
                                                        limit: 100, offset: 0).count == 2)
        // Another region's regulator sees none of it: the region answers as if it did not exist.
        await #expect(throws: ServiceError.notFound(entity: "region")) {
            try await services.safetyReports.people(fx.b.regulator, measure: "violations", region: "140825", year: nil, month: 1, sector: nil,
                                                    limit: 100, offset: 0)
        }
        await #expect(throws: ServiceError.notFound(entity: "region")) {
            try await services.safetyReports.summary(fx.b.regulator, region: "140825", year: nil, month: nil, date: nil)
        }
        #expect(try await services.safetyReports.summary(fx.b.regulator, region: nil, year: nil, month: nil, date: nil).rows.isEmpty)
        await #expect(throws: ServiceError.forbidden) {
            try await services.safetyReports.summary(fx.a.enterpriseUser, region: nil, year: nil, month: nil, date: nil)
        }
        await #expect(throws: ServiceError.self) {
            try await services.safetyReports.people(fx.a.regulator, measure: "gossip", region: nil, year: nil, month: 1, sector: nil, limit: 10, offset: 0)
        }
        // One month only, and a corrected record counts once.
        let april = try await services.safetyReports.summary(fx.a.regulator, region: nil, year: 2026, month: 4, date: nil)
        #expect(april.rows.map(\.month) == ["2026-04"])
    }

    @Test("The enterprise's report: who is off post, repeat violators, the hours table; CSV with a BOM")
    func enterpriseReport() async throws {
        let services = try TestDatabase.services(clock: LedgerServiceTests.clock)
        let fx = try await RegistryFixture.make(services)
        _ = try await services.violations.record(fx.a.enterpriseUser, violation(fx, "2025-07-01"))
        let second = try await services.violations.record(fx.a.enterpriseUser, violation(fx, "2026-06-01"))
        let id = UUID(uuidString: fx.a.enterprise.id)!
        let r = try await services.safetyReports.enterprise(fx.a.enterpriseUser, id: id, on: nil)
        #expect(r.openCases.count == 2 && r.openCases.contains { $0.id == second.id && $0.requiredHours == 16 })
        #expect(r.repeatViolators.map(\.name) == ["人员a"] && r.repeatViolators.first?.violations == 2)
        // A year later the first falls outside the 12 months: no longer a repeat violator.
        let later = try await services.safetyReports.enterprise(fx.a.regulator, id: id, on: CivilDate(iso: "2026-07-02"))
        #expect(later.repeatViolators.isEmpty)
        #expect(r.workers.count == 1 && r.workersShort == 1 && r.workers.first?.offPost == true)
        // For a date, the report lists who was off post on that date: before the violations, nobody; a case voided by a
        // correction since is gone from every date.
        #expect(try await services.safetyReports.enterprise(fx.a.enterpriseUser, id: id, on: CivilDate(iso: "2025-06-30")).openCases.isEmpty)
        let july = try await services.safetyReports.enterprise(fx.a.enterpriseUser, id: id, on: CivilDate(iso: "2025-07-01"))
        #expect(july.openCases.count == 1 && july.openCases.first?.occurredOn == "2025-07-01")
        let csv = SafetyReportService.repeatCSV(r)
        #expect(csv.hasPrefix("\u{FEFF}\"姓名\"") && csv.contains("\"人员a\",\"2\"") && csv.hasSuffix("\r\n"))
        #expect(LedgerService.hoursCSV(r.workers).contains("\"是\""))
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.safetyReports.enterprise(fx.b.enterpriseUser, id: id, on: nil) }
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.safetyReports.enterprise(fx.b.regulator, id: id, on: nil) }
        await #expect(throws: ServiceError.forbidden) { try await services.safetyReports.enterprise(fx.a.institutionUser, id: id, on: nil) }
    }

    @Test("R-WAVE-5: key 非煤矿山 enterprises only; the three categories (三类人员) counted, other staff not; the deadline shown")
    func injuryPrevention() async throws {
        let services = try TestDatabase.services(clock: LedgerServiceTests.clock)
        let fx = try await RegistryFixture.make(services)
        let w = try await LedgerServiceTests.worker(services, fx, name: "特种", sequence: 6, start: "2025-03-03", roles: [.specialOperations])
        // An ordinary employee is not one of the 三类人员: trained or not, outside the target.
        let other = try await LedgerServiceTests.worker(services, fx, name: "一般", sequence: 7, start: "2025-03-03", roles: [.employee])
        _ = try await services.ledger.record(fx.a.enterpriseUser, event(fx, "injury_prevention", "2025-11-20", 8, [fx.a.person, other]))
        var r = try await services.safetyReports.injuryPrevention(fx.a.regulator, region: nil, on: nil)
        #expect(r.total.enterprises == 0 && r.deadline == "2025-12-31" && r.daysToDeadline == -166)
        var patch = EnterprisePatch()
        patch.keyEnterprise = true
        _ = try await services.enterprises.update(fx.admin, id: UUID(uuidString: fx.a.enterprise.id)!, patch)
        r = try await services.safetyReports.injuryPrevention(fx.a.regulator, region: nil, on: nil)
        let figures = Dictionary(uniqueKeysWithValues: r.total.figures.map { ($0.category, $0) })
        #expect(r.total.enterprises == 1)
        #expect(figures["principal"]?.target == 1 && figures["principal"]?.trained == 1 && figures["principal"]?.rate == 1)
        #expect(figures["special_operations"]?.target == 1 && figures["special_operations"]?.trained == 0 && figures["safety_manager"]?.rate == nil)
        #expect(r.total.figures.map(\.target).reduce(0, +) == 2)  // 人员a and 特种; 一般 is not counted
        // As of the deadline the training of 20 November counts; before it, not.
        let before = try await services.safetyReports.injuryPrevention(fx.a.regulator, region: nil, on: CivilDate(iso: "2025-11-19"))
        #expect(before.total.figures.first { $0.category == "principal" }?.trained == 0)
        _ = w
        #expect(try await services.safetyReports.injuryPrevention(fx.b.regulator, region: nil, on: nil).total.enterprises == 0)
        await #expect(throws: ServiceError.notFound(entity: "region")) {
            try await services.safetyReports.injuryPrevention(fx.b.regulator, region: "140825", on: nil)
        }
    }
}
