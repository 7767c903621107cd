import AnpeiDomain
import AnpeiService
import ArgumentParser
import Foundation

extension DemoCommand {
    /// 三违 cases in every state and a training-hours ledger with shortfalls, in
    /// one high-risk enterprise of the demo county, dated from today so the
    /// states are current: a worker off post since this week, an overdue case,
    /// a repeat violator (16 hours), a reinstated case, a corrected (void) one,
    /// a failed spot exam, a new hire short of hours (未培训先上岗) and a missed annual refresher.
    /// Needs the demo registry and `demo exams`; does nothing if the enterprise has cases.
    struct Safety: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "演示“三违”案件与培训台账 / demo 三违 cases and the training ledger")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "county code") var county: String = "140825"

        func run() async throws {
            try await ServerSide.withServices(db) { services in
                let call = ServerSide.operatorPrincipal
                let today = CivilDate.today(at: services.config.now())
                func day(_ n: Int) -> String { today.adding(days: -n).description }
                // A high-risk enterprise with at least six people who started more than 400 days ago.
                var chosen: (Enterprise, [(Person, CivilDate)])?
                // A key enterprise first, so that its work-injury-prevention training shows in R-WAVE-5's report.
                let key = try await services.enterprises.list(call, EnterpriseQuery(regionPrefix: county, sector: "non_coal_mine", keyEnterprise: true, limit: 100)).items
                let rest = try await services.enterprises.list(call, EnterpriseQuery(regionPrefix: county, sector: "non_coal_mine", limit: 100)).items
                for e in key + rest {
                    let people = try await services.people.list(call, PersonQuery(enterpriseID: UUID(uuidString: e.id), currentOnly: true, limit: 50)).items
                        .compactMap { p -> (Person, CivilDate)? in
                            guard let start = p.employments.first(where: { $0.enterpriseId == e.id }).flatMap({ CivilDate(iso: $0.startDate) }),
                                  start <= today.adding(days: -400) else { return nil }
                            return (p, start)
                        }
                    if people.count >= 6 { chosen = (e, people); break }
                }
                guard let (enterprise, staff) = chosen else {
                    throw CLIError.message("需要演示县的非煤矿山企业及其人员（先导入演示数据）/ import the demo registry first")
                }
                if try await !services.violations.cases(call, status: nil, personID: nil, enterpriseID: enterprise.id, limit: 1, offset: 0).isEmpty {
                    return print("演示案件已存在 / demo cases exist: \(enterprise.name)")
                }
                let p = staff.map(\.0)
                // A new hire of this year, started with 24 of the 72 hours of a high-risk sector: 未培训先上岗 (R-EMP-3).
                // (Someone of another enterprise in the county: a person may work for two.)
                let others = try await services.people.list(call, PersonQuery(regionPrefix: county, role: .employee, currentOnly: true, limit: 200)).items
                if let hire = others.first(where: { o in !o.employments.contains { $0.enterpriseId == enterprise.id } }) {
                    _ = try await services.people.addEmployment(call, personID: UUID(uuidString: hire.id)!, EmploymentInput(
                        enterpriseId: enterprise.id, roles: [.employee], employmentType: .dispatched, post: "井下辅助工", hazardousPost: false,
                        startDate: day(40), endDate: nil))
                    _ = try await services.ledger.record(call, TrainingEventInput(enterpriseId: enterprise.id, kind: "induction_company", date: day(41),
                                                                                  hours: 24, trainer: "劳务派遣公司", title: "入场教育", attendees: [hire.id]))
                }
                // The ledger: 三级教育 on each first day (one worker eight hours short: 未培训先上岗), last
                // year's refresher for all but one, this year's warning education (R-3V-1).
                for (i, (person, start)) in staff.enumerated() {
                    let management = HoursRules.isManagement(Set(person.employments.first { $0.enterpriseId == enterprise.id }?.roles ?? []))
                    let required = HoursRules.initialHours(management: management, highRisk: true)
                    _ = try await services.ledger.record(call, TrainingEventInput(
                        enterpriseId: enterprise.id, kind: "induction_company", date: start.description, hours: required - (i == 1 ? 8 : 0),
                        trainer: "安全管理部", title: "新员工三级安全教育", attendees: [person.id]))
                }
                let lastYear = CivilDate(year: today.year - 1, month: 3, day: 16)!.description
                _ = try await services.ledger.record(call, TrainingEventInput(enterpriseId: enterprise.id, kind: "annual", date: lastYear, hours: 20,
                                                                              trainer: "运城市安全培训中心", title: "年度安全再培训", attendees: p.dropLast().map(\.id)))
                _ = try await services.ledger.record(call, TrainingEventInput(enterpriseId: enterprise.id, kind: "warning_education", date: day(30), hours: 2,
                                                                              trainer: "安全管理部", title: "“三违”事故警示教育", attendees: p.map(\.id)))
                _ = try await services.ledger.record(call, TrainingEventInput(enterpriseId: enterprise.id, kind: "injury_prevention", date: day(60), hours: 8,
                                                                              trainer: "市人社局工伤预防项目", title: "工伤预防能力提升培训",
                                                                              attendees: injuryPreventionAttendees(p, enterprise: enterprise.id)))

                func violate(_ person: Person, _ daysAgo: Int, _ kind: String, _ what: String, supersedes: String? = nil) async throws -> CaseView {
                    try await services.violations.record(call, ViolationInput(
                        personId: person.id, enterpriseId: enterprise.id, occurredOn: day(daysAgo), kind: kind, place: "井下二采区",
                        description: what, evidence: "现场照片（演示）", supersedes: supersedes))
                }
                func retrainAndPass(_ c: CaseView, hoursOn: Int, examOn: Int, backOn: Int) async throws {
                    _ = try await services.violations.addHours(call, id: UUID(uuidString: c.id)!, .init(date: day(hoursOn), hours: c.requiredHours, trainer: "安全管理部"))
                    _ = try await services.exams.recordPaperResults(call, PaperResultInput(
                        blueprintId: "three-violations-retraining", purpose: "retraining_case", date: day(examOn),
                        rows: [.init(personId: c.personId, subjectId: c.id, score: 90)]))
                    _ = try await services.violations.reinstate(call, id: UUID(uuidString: c.id)!, .init(date: day(backOn)))
                }
                // Off post since this week.
                _ = try await violate(p[0], 3, "illegal_operation", "未系安全带进行高处作业")
                // Open for 45 days: overdue.
                _ = try await violate(p[1], 45, "labor_discipline", "班中脱岗睡觉")
                // Reinstated half a year ago, then again within 12 months: a repeat violator, 16 hours.
                let first = try await violate(p[2], 200, "illegal_operation", "未执行敲帮问顶")
                try await retrainAndPass(first, hoursOn: 198, examOn: 196, backOn: 195)
                _ = try await violate(p[2], 20, "illegal_operation", "无证操作提升机")
                // Recorded, corrected (the first record's case is void), retrained and back.
                let wrong = try await violate(p[3], 12, "illegal_command", "强令冒险作业")
                let corrected = try await violate(p[3], 12, "illegal_operation", "违章指挥更正为违章作业", supersedes: wrong.violationId)
                try await retrainAndPass(corrected, hoursOn: 10, examOn: 8, backOn: 7)
                // 逢查必考: one worker fails the spot exam (a case opens), one passes.
                let inspection = try await services.inspections.create(call, SafetyInspectionInput(
                    enterpriseId: enterprise.id, date: day(6), inspector: "县应急管理局执法大队", note: "逢查必考（演示）"))
                _ = try await services.exams.recordPaperResults(call, PaperResultInput(
                    blueprintId: "three-violations-spot", purpose: "spot_check", date: day(6),
                    rows: [.init(personId: p[4].id, subjectId: inspection.id, score: 50), .init(personId: p[5].id, subjectId: inspection.id, score: 95)]))
                print("已登记演示“三违”案件与培训台账 / demo cases and ledger: \(enterprise.name) (\(enterprise.id))")
            }
        }
    }

    /// R-WAVE-5's demo: the enterprise's 三类人员 but one (so the report shows a gap), or four people if it has none.
    static func injuryPreventionAttendees(_ people: [Person], enterprise: String) -> [String] {
        let targets = people.filter { p in
            InjuryPreventionRule.category(Set(p.employments.first { $0.enterpriseId == enterprise }?.roles ?? [])) != nil
        }
        return (targets.count > 1 ? Array(targets.dropLast()) : Array(people.prefix(4))).map(\.id)
    }
}
