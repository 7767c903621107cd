import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 14 through the service: areas with headcounts, drills planned and
/// recorded, the year's schedule by the place's rule set (R-DRILL-1).
@Suite("Evacuation drills through the service (R-DRILL-1)")
struct DrillServiceTests {
    /// 企业a: 非煤矿山 (high-risk for drills) in 新绛县 (per area), with 100 in the office and 50 in the workshop.
    static func setUp(_ services: Services, _ fx: RegistryFixture) async throws -> (office: String, plant: String) {
        var patch = EnterprisePatch()
        patch.areas = [Area(kind: .office, name: "办公楼", headcount: 100), Area(kind: .production, name: "一号车间", headcount: 50)]
        let e = try await services.enterprises.update(fx.admin, id: UUID(uuidString: fx.a.enterprise.id)!, patch)
        let office = try #require(e.areas.first { $0.kind == .office })
        let plant = try #require(e.areas.first { $0.kind == .production })
        // Area ids survive an update, and a headcount not sent is kept.
        var rename = EnterprisePatch()
        rename.areas = [Area(kind: .office, name: "办公楼"), Area(kind: .production, name: "一号车间")]
        let again = try await services.enterprises.update(fx.admin, id: UUID(uuidString: fx.a.enterprise.id)!, rename)
        #expect(again.areas.map(\.id) == e.areas.map(\.id) && again.areas.map(\.headcount) == [100, 50])
        return (try #require(office.id), try #require(plant.id))
    }

    func drill(_ fx: RegistryFixture, _ date: String, _ areas: [(String, Int?)], recorded: Bool) -> DrillInput {
        DrillInput(enterpriseId: fx.a.enterprise.id, date: date, time: "09:30", scenario: "fire", recorded: recorded,
                   areas: areas.map { .init(areaId: $0.0, participants: $0.1) }, evacuationSeconds: recorded ? 240 : nil,
                   problems: recorded ? "二号楼梯间堆放杂物" : nil, fixes: recorded ? "已清理" : nil, organiser: "安全科")
    }

    @Test("per area and per half-year in a high-risk sector: done, below the share, planned, due; a plan recorded later counts")
    func schedule() async throws {
        let clock = TestClock(CivilDate(iso: "2026-06-15")!.startInChina.addingTimeInterval(12 * 3_600))
        let services = try TestDatabase.services(clock: clock)
        let fx = try await RegistryFixture.make(services)
        let (office, plant) = try await Self.setUp(services, fx)
        _ = try await services.drills.create(fx.a.enterpriseUser, drill(fx, "2026-04-10", [(office, 90), (plant, 30)], recorded: true))
        let plan = try await services.drills.create(fx.a.enterpriseUser, drill(fx, "2026-09-20", [(office, nil)], recorded: false))
        let id = UUID(uuidString: fx.a.enterprise.id)!
        let s = try await services.drills.schedule(fx.a.enterpriseUser, enterprise: id, year: nil, on: nil)
        #expect(s.rule.id == "s0-140825" && s.highRiskDrill && s.date == "2026-06-15")
        func slot(_ period: String, _ area: String) -> DrillScheduleView.Slot? { s.slots.first { $0.period == period && $0.areaId == area } }
        #expect(s.slots.count == 4)
        #expect(slot("2026-H1", office)?.state == "done" && slot("2026-H1", office)?.date == "2026-04-10")
        #expect(slot("2026-H1", plant)?.state == "due" && slot("2026-H1", plant)?.code == "participation_below_share")
        #expect(slot("2026-H2", office)?.state == "planned" && slot("2026-H2", plant)?.state == "due")
        // After 30 June the workshop's H1 is overdue.
        let july = try await services.drills.schedule(fx.a.regulator, enterprise: id, year: 2026, on: CivilDate(iso: "2026-07-01"))
        #expect(july.slots.first { $0.period == "2026-H1" && $0.areaId == plant }?.state == "overdue")
        // The plan, held on its day and recorded: the office's H2 is done.
        clock.advance(by: 98 * 86_400)  // 2026-09-21
        let later = services
        let held = try await later.drills.recordPlanned(fx.a.enterpriseUser, id: UUID(uuidString: plan.id)!, drill(fx, "2026-09-20", [(office, 95)], recorded: true))
        #expect(held.recorded && held.areas.first?.headcount == 100 && held.evacuationSeconds == 240)
        await #expect(throws: ServiceError.self) {
            try await later.drills.recordPlanned(fx.a.enterpriseUser, id: UUID(uuidString: plan.id)!, drill(fx, "2026-09-20", [(office, 95)], recorded: true))
        }
        let autumn = try await later.drills.schedule(fx.a.enterpriseUser, enterprise: id, year: 2026, on: nil)
        #expect(autumn.slots.first { $0.period == "2026-H2" && $0.areaId == office }?.state == "done")
    }

    @Test("bad input is named and nothing is written; tenants see and write only their own")
    func badInputAndTenancy() async throws {
        let services = try TestDatabase.services(clock: LedgerServiceTests.clock)
        let fx = try await RegistryFixture.make(services)
        let (office, _) = try await Self.setUp(services, fx)
        do {
            _ = try await services.drills.create(fx.a.enterpriseUser, DrillInput(
                enterpriseId: fx.a.enterprise.id, date: "2026-07-01", time: "25:00", scenario: "party", recorded: true,
                areas: [.init(areaId: office)], evacuationSeconds: 0))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(Set(errors.map(\.field)).isSuperset(of: ["date", "time", "scenario", "areas[0].participants", "evacuationSeconds"]))
        }
        do {
            _ = try await services.drills.create(fx.a.enterpriseUser, drill(fx, "2026-05-01", [(UUID().uuidString, 10)], recorded: true))
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["unknown_area"])
        }
        #expect(try await services.drills.list(fx.a.enterpriseUser, enterpriseID: nil, year: 2026, limit: 50, offset: 0).isEmpty)
        let d = try await services.drills.create(fx.a.enterpriseUser, drill(fx, "2026-05-01", [(office, 90)], recorded: true))
        let id = UUID(uuidString: fx.a.enterprise.id)!
        await #expect(throws: ServiceError.notFound(entity: "enterprise")) {
            try await services.drills.create(fx.b.enterpriseUser, drill(fx, "2026-05-01", [(office, 90)], recorded: true))
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.drills.create(fx.a.regulator, drill(fx, "2026-05-01", [(office, 90)], recorded: true))
        }
        for other in [fx.b.enterpriseUser, fx.b.regulator] {
            await #expect(throws: ServiceError.notFound(entity: "enterprise")) { try await services.drills.schedule(other, enterprise: id, year: nil, on: nil) }
            await #expect(throws: ServiceError.notFound(entity: "drill")) { try await services.drills.get(other, id: UUID(uuidString: d.id)!) }
            #expect(try await services.drills.list(other, enterpriseID: nil, year: nil, limit: 50, offset: 0).isEmpty)
        }
        #expect(try await services.drills.get(fx.a.regulator, id: UUID(uuidString: d.id)!).areas.first?.participants == 90)
    }
}
