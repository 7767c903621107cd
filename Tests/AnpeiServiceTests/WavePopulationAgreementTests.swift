import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// STYLE (issue 10): the coverage SQL evaluates R-WAVE-6/7/9 set-based for
/// speed; `WavePopulation` states the rule once in the domain. This test
/// generates people, employments, enterprises of nested sectors (some closed)
/// and attempts, then compares the SQL's figures and missing list with the
/// domain's judgement, wave by wave and date by date.
@Suite("Coverage SQL agrees with WavePopulation on generated cases (R-WAVE-6/7)")
struct WavePopulationAgreementTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    }

    @Test("generated cases: target, completed and the missing list match the domain rule", arguments: [UInt64(11), 2024, 77])
    func agreement(seed: UInt64) async throws {
        var rng = Random(state: seed)
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        try await WavePlans.loadAll(services, fx.admin)
        // A county wave over the whole 医疗卫生 sector, beside the national 二级三级医院 one (R-WAVE-7).
        _ = try await services.training.createWave(fx.admin, WaveInput(
            jurisdiction: "140825", year: 2024, targetRole: "fire_safety_responsible", sector: "medical", title: "2024年县医疗卫生单位消防安全责任人培训"))
        let tree = try await services.pool.withConnection { try ReferenceRepository($0).sectorTree() }
        let sectorChoices: [[String]] = [["non_coal_mine"], ["hospital"], ["hospital_grade_2_3"], ["medical"], ["commerce"],
                                         ["hospital_grade_2_3", "non_coal_mine"]]
        struct Ent { var id: String; var sectors: [String]; var active: Bool }
        var enterprises: [Ent] = []
        for i in 0..<8 {
            let sectors = rng.pick(sectorChoices)
            let e = try await services.enterprises.create(fx.admin, EnterpriseInput(
                creditCode: Synthetic.creditCode(division: "140825", serial: 600 + i), name: "生成单位\(i)",
                regionCode: rng.chance(50) ? "140825" : "140825100", sectors: sectors))
            let active = rng.chance(75)
            if !active {
                var patch = EnterprisePatch()
                patch.status = rng.chance(50) ? .closed : .suspended
                _ = try await services.enterprises.update(fx.admin, id: UUID(uuidString: e.id)!, patch)
            }
            enterprises.append(Ent(id: e.id, sectors: sectors, active: active))
        }
        let days = (0...730).map { CivilDate(iso: "2023-07-01")!.adding(days: $0) }   // 2023-07 … 2025-06
        struct Job { var enterprise: Ent; var roles: [EmploymentRole]; var start: CivilDate; var end: CivilDate? }
        var people: [(person: Person, jobs: [Job])] = []
        for i in 0..<30 {
            var jobs: [Job] = []
            for j in 0..<rng.int(1...2) {
                let start = rng.pick(days)
                let end: CivilDate? = rng.chance(40) ? start.adding(days: rng.int(20...300)) : nil
                let roles = rng.pick([[EmploymentRole.principal], [.fireSafetyResponsible], [.principal, .fireSafetyResponsible], [.employee]])
                var ent = rng.pick(enterprises)
                if j == 1, jobs[0].enterprise.id == ent.id { ent = enterprises[(enterprises.firstIndex { $0.id == ent.id }! + 1) % enterprises.count] }
                jobs.append(Job(enterprise: ent, roles: roles, start: start, end: end))
            }
            let first = jobs[0]
            let person = try await services.people.create(fx.admin, PersonCreate(
                documentNumber: Synthetic.residentID(region: "140825", birth: "1970-01-01", sequence: 700 + i), name: "生成人员\(i)",
                employment: EmploymentInput(enterpriseId: first.enterprise.id, roles: first.roles, employmentType: .regular, post: "岗位",
                                            hazardousPost: false, startDate: first.start.description, endDate: first.end?.description)))
            for job in jobs.dropFirst() {
                _ = try await services.people.addEmployment(fx.admin, personID: UUID(uuidString: person.id)!, EmploymentInput(
                    enterpriseId: job.enterprise.id, roles: job.roles, employmentType: .regular, post: "岗位", hazardousPost: false,
                    startDate: job.start.description, endDate: job.end?.description))
            }
            people.append((person, jobs))
        }
        // Attempts, written straight into the tables (this test is about the reading side).
        let waves = try await services.training.waves(fx.admin, year: nil, applicableTo: "140825")
            .filter { $0.year >= 2023 && $0.year <= 2025 && $0.kind == .sector }
        // Planned first (the generator is not Sendable), then inserted in one go.
        struct Planned: Sendable { var personID: String; var enterpriseID: String; var wave: Wave; var start: CivilDate; var status: String; var uncounted: Bool }
        var planned: [Planned] = []
        for (person, jobs) in people where rng.chance(60) {
            for _ in 0..<rng.int(1...2) {
                let wave = rng.pick(waves)
                let status = rng.pick(["enrolled", "completed", "completed", "not_completed"])
                planned.append(Planned(personID: person.id, enterpriseID: jobs[0].enterprise.id, wave: wave,
                                       start: CivilDate(year: wave.year, month: rng.int(1...12), day: rng.int(1...25))!,
                                       status: status, uncounted: status == "completed" && rng.chance(15)))
            }
        }
        let institution = UUID(uuidString: fx.a.institution.id)!
        let inserted = planned
        let kept: [Planned] = try await services.pool.withConnection { conn in
            var kept: [Planned] = []
            for a in inserted {
                let end = a.start.adding(days: 2)
                let sid: UUID = try conn.query("""
                    INSERT INTO training_sessions (wave_id, institution_id, kind, venue, region_code, start_date, end_date, hours_per_day,
                                                   capacity, modules, status)
                    VALUES (\(UUID(uuidString: a.wave.id)!), \(institution), 'independent', '生成', '140825',
                            \(a.start.description)::date, \(end.description)::date, 8, 50, '{}', 'completed') RETURNING id
                    """).one().decode("id")
                let done = a.status == "completed"
                try conn.query("""
                    INSERT INTO training_enrollments (session_id, person_id, enterprise_id, status, completed_on, completion_code, uncounted_reason)
                    VALUES (\(sid), \(UUID(uuidString: a.personID)!), \(UUID(uuidString: a.enterpriseID)!), \(a.status),
                            \(done ? end.description : nil)::date, \(done ? UUID().uuidString.lowercased() : nil), \(a.uncounted ? "生成：不计入" : nil))
                    """)
                kept.append(a)
            }
            return kept
        }
        var attempts: [String: [WavePopulation.Attempt]] = [:]
        for a in kept {
            let w = TrainingWave(jurisdiction: a.wave.jurisdiction, year: a.wave.year, targetRole: a.wave.targetRole, sectorCode: a.wave.sectorCode,
                                 title: a.wave.title, kind: a.wave.kind, targetRoles: a.wave.targetRoles)
            attempts[a.personID, default: []].append(.init(wave: w, completedOn: a.status == "completed" && !a.uncounted ? a.start.adding(days: 2) : nil))
        }
        // Compare, wave by wave, on several dates.
        for wave in waves where wave.year == 2024 {
            let domainWave = TrainingWave(jurisdiction: wave.jurisdiction, year: wave.year, targetRole: wave.targetRole, sectorCode: wave.sectorCode,
                                          title: wave.title, kind: wave.kind, targetRoles: wave.targetRoles)
            for asOf in ["2024-03-31", "2024-09-30", "2024-12-31"].map({ CivilDate(iso: $0)! }) {
                var expected: [String: WavePopulation.Status] = [:]
                for (person, jobs) in people {
                    let employments = jobs.map {
                        WavePopulation.Employment(enterpriseSectors: $0.enterprise.sectors, active: $0.enterprise.active, roles: $0.roles,
                                                  start: $0.start, end: $0.end)
                    }
                    if let status = WavePopulation.status(employments, attempts: attempts[person.id] ?? [], wave: domainWave, asOf: asOf, tree: tree) {
                        expected[person.id] = status
                    }
                }
                let q = CoverageQuery(region: "140825", year: 2024, wave: UUID(uuidString: wave.id), asOf: asOf)
                // The fixture's own principal is part of every principal wave of the county; leave them out of both sides.
                let fixturePerson = fx.a.person.id
                let figures = try #require(try await services.training.coverage(fx.admin, q).waves.first?.figures)
                let missing = try await services.training.missing(fx.admin, q, limit: 1000, offset: 0).filter { $0.personId != fixturePerson }
                let fixtureCounts = wave.targetRole == .principal && tree.covers(waveSector: wave.sectorCode, enterpriseSectors: ["non_coal_mine"]) ? 1 : 0
                let label = "seed \(seed) \(wave.title) \(asOf)"
                #expect(figures.target - fixtureCounts == expected.count, "\(label): target")
                #expect(figures.completed == expected.values.filter { $0 == .completed }.count, "\(label): completed")
                let sqlMissing = Dictionary(uniqueKeysWithValues: missing.map { ($0.personId, $0.status) })
                let domainMissing = expected.filter { $0.value != .completed }.mapValues(\.rawValue)
                #expect(sqlMissing == domainMissing, "\(label): missing list")
            }
        }
    }
}
