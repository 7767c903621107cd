import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §3, R-WAVE-9 (S4 §4): 西藏's SASAC batches train the principals,
/// deputies in charge and safety-department heads of key enterprises by owner,
/// without a sector; catch-up waves report the key sectors' principals not yet covered.
@Suite("西藏 SASAC batches and catch-up training (R-WAVE-9)")
struct SasacBatchTests {
    @Test("a batch's population is the three roles of key enterprises of its owners; one batch of the year is enough; catch-up counts earlier training")
    func batches() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let fx = s.fx
        func enterprise(_ serial: Int, _ name: String, key: Bool, owner: EnterpriseOwnership?, sectors: [String] = ["industry_trade"]) async throws -> Enterprise {
            try await s.services.enterprises.create(fx.admin, EnterpriseInput(
                creditCode: Synthetic.creditCode(division: "540102", serial: serial), name: name, regionCode: "540102", sectors: sectors,
                keyEnterprise: key, ownership: owner))
        }
        func person(_ seq: Int, _ name: String, _ e: Enterprise, _ roles: [EmploymentRole]) async throws -> Person {
            try await s.services.people.create(fx.admin, PersonCreate(
                documentNumber: Synthetic.residentID(region: "540102", birth: "1975-07-07", sequence: seq), name: name,
                employment: EmploymentInput(enterpriseId: e.id, roles: roles, employmentType: .regular, post: "负责人", hazardousPost: false,
                                            startDate: "2020-01-01", endDate: nil)))
        }
        let central = try await enterprise(51, "中央在藏企业", key: true, owner: .central)
        let nonKey = try await enterprise(52, "区属一般企业", key: false, owner: .regional)
        let prefecture = try await enterprise(53, "地市属重点企业", key: true, owner: .prefecture)
        let boss = try await person(501, "央企负责人", central, [.principal])
        let deputy = try await person(502, "分管负责人", central, [.deputyPrincipal])
        let head = try await person(503, "安全部门负责人", central, [.safetyDepartmentHead])
        _ = try await person(504, "普通员工", central, [.employee])
        let other = try await person(505, "一般企业负责人", nonKey, [.principal])
        let prefBoss = try await person(506, "地市企业负责人", prefecture, [.principal])
        let waves = try await t.waves(fx.admin, year: 2024, applicableTo: nil).filter { $0.jurisdiction == "540000" && $0.kind == .sasacBatch }
        let first = try #require(waves.first { $0.batch == "第一批" })
        let local = try #require(waves.first { $0.batch == "地市" })
        #expect(first.sectorCode == nil && first.organiser == "西藏自治区国资委")
        func figures(_ w: Wave) async throws -> CoverageFigures {
            let q = CoverageQuery(region: "540000", year: 2024, wave: UUID(uuidString: w.id), asOf: CivilDate(iso: "2024-12-31")!)
            return try #require(try await t.coverage(fx.admin, q).waves.first?.figures)
        }
        #expect(try await figures(first) == CoverageFigures(target: 3, completed: 0, enrolled: 0))   // boss, deputy, head; not the employee, not the non-key
        #expect(try await figures(local) == CoverageFigures(target: 1, completed: 0, enrolled: 0))   // the prefecture's key enterprise
        // The first batch runs in 城关区; the boss and deputy complete it. The non-key enterprise's principal is refused.
        let session = try await CoverageRulesTests.runSession(s, first, region: "540102", start: "2024-08-05", end: "2024-08-07",
                                                            people: [boss.id, deputy.id])
        #expect(session.status == .completed)
        let refused = try await t.registerSession(fx.a.institutionUser, .init(
            waveId: first.id, kind: "independent", venue: "v", regionCode: "540102", startDate: "2024-09-02", endDate: "2024-09-04",
            hoursPerDay: 8, capacity: 5, modules: TrainingModule.allCases.map(\.rawValue)))
        do {
            _ = try await t.enroll(fx.a.institutionUser, session: UUID(uuidString: refused.id)!, .init(personId: other.id))
            Issue.record("a non-key enterprise's principal joined a SASAC batch")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["not_eligible"])
        }
        #expect(try await figures(first) == CoverageFigures(target: 3, completed: 2, enrolled: 0))
        let q = CoverageQuery(region: "540000", year: 2024, wave: UUID(uuidString: first.id), asOf: CivilDate(iso: "2024-12-31")!)
        #expect(try await t.missing(fx.admin, q, limit: 10, offset: 0).map(\.name) == [head.name])
        #expect(prefBoss.name == "地市企业负责人")

        // Catch-up (2025, 非煤矿山): a principal trained in 2024's sector wave is covered; another is not.
        let mine = try await enterprise(54, "西藏某矿", key: true, owner: nil, sectors: ["non_coal_mine"])
        let trained = try await person(507, "已培训矿长", mine, [.principal])
        let untrained = try await person(508, "未培训矿长", mine, [.principal])
        let sector2024 = try await s.wave("540000", 2024, "non_coal_mine")
        _ = try await CoverageRulesTests.runSession(s, sector2024, region: "540102", start: "2024-10-08", end: "2024-10-10", people: [trained.id])
        let catchUp = try #require(try await t.waves(fx.admin, year: 2025, applicableTo: nil)
            .first { $0.jurisdiction == "540000" && $0.kind == .catchUp && $0.sectorCode == "non_coal_mine" })
        let cq = CoverageQuery(region: "540000", year: 2025, wave: UUID(uuidString: catchUp.id), asOf: CivilDate(iso: "2025-12-31")!)
        #expect(try #require(try await t.coverage(fx.admin, cq).waves.first?.figures) == CoverageFigures(target: 2, completed: 1, enrolled: 0))
        #expect(try await t.missing(fx.admin, cq, limit: 10, offset: 0).map(\.name) == [untrained.name])
    }
}
