import AnpeiDomain
import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation

extension DemoCommand {
    /// Sessions of two institutions for the county's waves of 2024–2026, with
    /// attendance and completion, an observer, and some principals left out,
    /// so that coverage is below 100% and the missing list is not empty.
    /// Needs the demo county and the wave plans loaded; safe to run again.
    struct Training: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "演示培训班、出勤与结业 / demo sessions, attendance and completion")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "county code") var county: String = "140825"

        func run() async throws {
            try await ServerSide.withServices(db) { services in
                let call = ServerSide.operatorPrincipal
                let t = services.training
                let institutions = try await services.institutions.list(call, InstitutionQuery(regionPrefix: county, limit: 50)).items
                    .filter { $0.mayAct && $0.trainingKinds.contains(.principal) }
                guard let first = institutions.first(where: { !$0.trainingKinds.contains(.fireSafety) }) ?? institutions.first,
                      let second = institutions.first(where: { $0.trainingKinds.contains(.fireSafety) }) else {
                    throw CLIError.message("需要两家可开班的培训机构（先导入演示机构）/ import the demo institutions first")
                }
                let waves = try await t.waves(call, year: nil, applicableTo: county).filter { $0.jurisdiction == county }
                guard !waves.isEmpty else { throw CLIError.message("先导入培训计划 / load db/waves first (anpei wave load)") }
                let existing = try await t.sessions(call, wave: nil, year: nil, status: nil, limit: 500, offset: 0)
                // (year, sector, institution, start, leave out, finish)
                let plans: [(Int, String, Institution, String, Int, Bool)] = [
                    (2024, "non_coal_mine", first, "2024-05-13", 1, true),
                    (2024, "hospital_grade_2_3", second, "2024-06-17", 1, true),
                    (2025, "metal_smelting", first, "2025-04-14", 1, true),
                    (2025, "key_heritage_unit", second, "2025-05-19", 0, true),
                    (2026, "shopping_complex", second, "2026-12-07", 1, false),
                ]
                var created = 0
                for (year, sector, institution, start, leaveOut, finish) in plans {
                    guard let wave = waves.first(where: { $0.year == year && $0.sectorCode == sector }) else { continue }
                    if existing.contains(where: { $0.waveId == wave.id }) { continue }
                    let startDate = CivilDate(iso: start)!
                    let session = try await t.registerSession(call, .init(
                        waveId: wave.id, institutionId: institution.id, kind: "main", title: wave.title,
                        venue: institution.name + "第一教室", regionCode: county, startDate: start,
                        endDate: startDate.adding(days: wave.minDays - 1).description, hoursPerDay: 8, capacity: 40,
                        modules: TrainingModule.allCases.map(\.rawValue)))
                    let id = UUID(uuidString: session.id)!
                    // The target people of this wave in the county, less those left out.
                    var people: [Person] = []
                    for e in try await services.enterprises.list(call, EnterpriseQuery(regionPrefix: county, sector: sector, limit: 500)).items {
                        people += try await services.people.list(call, PersonQuery(
                            enterpriseID: UUID(uuidString: e.id), role: wave.targetRole.employmentRole, limit: 500)).items
                    }
                    for p in people.dropLast(leaveOut) {
                        _ = try await t.enroll(call, session: id, .init(personId: p.id))
                    }
                    if year == 2024 && sector == "non_coal_mine" {
                        _ = try await t.enroll(call, session: id, .init(observerName: "县应急管理局执法人员（演示）", observerOrganisation: "新绛县应急管理局"))
                    }
                    if finish {
                        _ = try await t.moveSession(call, id: id, to: "in_progress", reason: nil)
                        let roster = try await t.roster(call, session: id).filter { !$0.observer }
                        for day in 0..<wave.minDays {
                            // The last trainee misses the last day: not completed.
                            let entries = roster.enumerated().map { i, e in
                                AttendanceInput.Entry(enrollmentId: e.id, present: !(i == roster.count - 1 && day == wave.minDays - 1 && roster.count > 1))
                            }
                            _ = try await t.recordAttendance(call, session: id, .init(day: startDate.adding(days: day).description, entries: entries))
                        }
                        _ = try await t.moveSession(call, id: id, to: "completed", reason: nil)
                    }
                    created += 1
                }
                print("已登记演示培训班 / demo sessions registered: \(created)")
            }
        }
    }
}
