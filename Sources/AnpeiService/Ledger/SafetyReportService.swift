import AnpeiDomain
import AnpeiStore
import Foundation

/// The 三违 and training reports (issue 13): the enterprise's own picture, and
/// the regulator's monthly summary by region × sector with names behind each
/// figure for their own region only, and R-WAVE-5 coverage.
public struct SafetyReportService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let rules: RetrainingRules

    public init(db: UnitOfWork, config: ServiceConfig, rules: RetrainingRules = .defaults) {
        self.db = db
        self.config = config
        self.rules = rules
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// R-HOURS-1/2 as data for the set-based starter count, from `HoursRules`.
    static var initialHoursTable: InitialHoursTable {
        InitialHoursTable(
            initialKinds: HoursRules.Kind.allCases.filter(\.countsAsInitial).map(\.rawValue),
            managementRoles: EmploymentRole.allCases.filter { HoursRules.isManagement([$0]) }.map(\.rawValue),
            required: [(false, false), (false, true), (true, false), (true, true)].map { HoursRules.initialHours(management: $0.0, highRisk: $0.1) })
    }

    // MARK: Enterprise

    /// Open cases (who is off post), repeat violators and the hours table on `date`.
    public func enterprise(_ call: CallContext, id: UUID, on date: CivilDate?) async throws -> EnterpriseSafetyReport {
        guard call.principal.role != .worker, call.principal.role != .institution else { throw ServiceError.forbidden }
        let on = date ?? today
        let scope = ScopeFilter(call.principal.scope)
        let rules = self.rules
        return try await db.read { conn in
            guard let e = try EnterpriseRepository(conn).find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "enterprise") }
            // Who was off post on the date asked about, whatever happened since.
            let open = try ViolationRepository(conn).offPost(enterprise: id, on: on)
            let window = on.adding(months: -rules.repeatWindowMonths)
            let facts = try SafetyReportRepository(conn).violationFacts(regionPrefix: e.regionCode, from: window, to: on, enterprise: id)
            let repeaters = Self.repeatViolators(facts, rules: rules, on: on).map { person, dates in
                EnterpriseSafetyReport.RepeatViolator(personId: person.personID.lowercased, name: person.name, violations: dates.count,
                                                      dates: dates.map(\.description))
            }
            let workers = try LedgerService.hoursTable(conn, enterprise: id, on: on)
            return EnterpriseSafetyReport(enterpriseId: e.id, enterpriseName: e.name, date: on.description,
                                          openCases: open.map { ViolationService.view($0, rules: rules, on: on) },
                                          repeatViolators: repeaters, workers: workers, workersShort: workers.filter { !$0.shortfalls.isEmpty }.count)
        }
    }

    /// People with two or more standing violations in the window up to `date` (R-3V-4's 12 months), in name order.
    static func repeatViolators(_ facts: [ViolationFact], rules: RetrainingRules, on date: CivilDate) -> [(ViolationFact, [CivilDate])] {
        let byPerson = Dictionary(grouping: facts, by: \.personID)
        return byPerson.values.compactMap { list -> (ViolationFact, [CivilDate])? in
            let dates = list.map(\.date).sorted()
            guard rules.isRepeatViolator(dates, on: date), let first = list.first else { return nil }
            let from = date.adding(months: -rules.repeatWindowMonths)
            return (first, dates.filter { $0 >= from && $0 <= date })
        }.sorted { ($0.0.name, $0.0.personID.uuidString) < ($1.0.name, $1.0.personID.uuidString) }
    }

    /// R-3V-4 over many people: each standing violation in [from, to] that makes
    /// its person a repeat violator (two or more in the window ending on it),
    /// with how many the window holds. Facts come in date order per person.
    static func repeatViolations(_ facts: [ViolationFact], from: CivilDate, to: CivilDate, rules: RetrainingRules) -> [(fact: ViolationFact, count: Int)] {
        var out: [(fact: ViolationFact, count: Int)] = []
        for (_, list) in Dictionary(grouping: facts, by: \.personID) {
            let dates = list.map(\.date)
            for f in list where f.date >= from && f.date <= to && rules.isRepeatViolator(dates.filter { $0 <= f.date }, on: f.date) {
                out.append((f, dates.filter { $0 <= f.date && $0 >= f.date.adding(months: -rules.repeatWindowMonths) }.count))
            }
        }
        return out
    }

    public static func repeatCSV(_ r: EnterpriseSafetyReport) -> String {
        CSVExport.document(headers: ["姓名", "12个月内违章次数", "违章日期"],
                           rows: r.repeatViolators.map { [$0.name, String($0.violations), $0.dates.joined(separator: "、")] })
    }

    public static func casesCSV(_ r: EnterpriseSafetyReport) -> String {
        CSVExport.document(headers: ["姓名", "类别", "违章日期", "开案日期", "已记录学时", "应记录学时", "逾期", "尚缺"], rows: r.openCases.map {
            [$0.personName, $0.kindLabel, $0.occurredOn, $0.openedOn, String($0.recordedHours), String($0.requiredHours), $0.overdue ? "是" : "否",
             $0.missing.joined(separator: "；")]
        })
    }

    // MARK: Regulator

    /// The months of `year` up to `asOf` (or one month), each cut at its end or at `asOf`.
    func months(year: Int, month: Int?, asOf: CivilDate) -> SummaryMonths {
        var starts: [CivilDate] = [], ends: [CivilDate] = []
        for m in (month.map { [$0] } ?? Array(1...12)) {
            guard let start = CivilDate(year: year, month: m, day: 1), start <= asOf else { continue }
            starts.append(start)
            ends.append(min(CivilDate(year: year, month: m, day: CivilDate.daysInMonth(year: year, month: m))!, asOf))
        }
        return SummaryMonths(starts: starts, ends: ends, overdueCutoffs: ends.map { rules.overdueCutoff(on: $0) })
    }

    func period(year: Int?, month: Int?, date: CivilDate?) throws -> (year: Int, month: Int?, asOf: CivilDate) {
        let now = today
        let y = year ?? date?.year ?? now.year
        guard (2000...2100).contains(y) else {
            throw ServiceError.validation([FieldError(field: "year", code: "out_of_range", message: LocalizedText(zh: "年份无效", en: "invalid year"))])
        }
        if let month, !(1...12).contains(month) {
            throw ServiceError.validation([FieldError(field: "month", code: "out_of_range", message: LocalizedText(zh: "月份须在1到12之间", en: "1 to 12"))])
        }
        let asOf = min(date ?? now, now, CivilDate.lastDay(of: y))
        if asOf.year != y {
            throw ServiceError.validation([FieldError(field: "date", code: "outside_year", message: LocalizedText(
                zh: "统计日期须在\(y)年度内且不晚于今天", en: "the date must lie in \(y) and not after today"))])
        }
        return (y, month, asOf)
    }

    public func summary(_ call: CallContext, region: String?, year: Int?, month: Int?, date: CivilDate?) async throws -> SafetySummary {
        let target = try call.jurisdiction(region)
        let p = try period(year: year, month: month, date: date)
        let months = months(year: p.year, month: p.month, asOf: p.asOf)
        guard let from = months.starts.first, let to = months.ends.last else {
            throw ServiceError.validation([FieldError(field: "month", code: "in_future", message: LocalizedText(zh: "该月份尚未开始", en: "that month has not begun"))])
        }
        let rules = self.rules
        let table = Self.initialHoursTable
        return try await db.read { conn in
            let repo = SafetyReportRepository(conn)
            let ref = ReferenceRepository(conn)
            let length = target.childPrefixLength
            var children: [String: (code: String, name: String)] = [:]
            for c in try ref.regions(parent: target.value) { if let code = RegionCode(c.code) { children[String(code.prefix.prefix(length))] = (c.code, c.name) } }
            let sectorNames = Dictionary(uniqueKeysWithValues: try ref.sectors().map { ($0.code, $0.nameZh) })
            let regionName = try ref.regionName(target.value) ?? target.value
            var rows: [String: SafetySummary.Row] = [:]
            func add(_ counts: [SafetyCount], _ apply: (inout SafetySummary.Row, Int) -> Void) {
                for c in counts {
                    let child = children[c.child] ?? (target.value, "\(regionName)（本级）")
                    let key = "\(child.code)|\(c.sector)|\(c.month)"
                    var row = rows[key] ?? SafetySummary.Row(regionCode: child.code, regionName: child.name, sector: c.sector,
                                                             sectorName: c.sector.isEmpty ? "未分类" : sectorNames[c.sector] ?? c.sector, month: c.month)
                    apply(&row, c.value)
                    rows[key] = row
                }
            }
            let figures = try repo.summary(regionPrefix: target.prefix, childLength: length, months: months, table: table)
            add(figures["violations"] ?? []) { $0.violations += $1 }
            add(figures["spot_examined"] ?? []) { $0.spotExamined += $1 }
            add(figures["spot_failed"] ?? []) { $0.spotFailed += $1 }
            add(figures["cases_opened"] ?? []) { $0.casesOpened += $1 }
            add(figures["cases_closed"] ?? []) { $0.casesClosed += $1 }
            add(figures["cases_overdue"] ?? []) { $0.casesOverdue += $1 }
            add(figures["untrained_starters"] ?? []) { $0.untrainedStarters += $1 }
            // Repeat violators: the rule is the domain's, so it runs here on the year's (and the year before's) violations.
            let facts = try repo.violationFacts(regionPrefix: target.prefix, from: from.adding(months: -rules.repeatWindowMonths), to: to, of: from)
            var repeats: [SafetyCount: Set<UUID>] = [:]
            for (f, _) in Self.repeatViolations(facts, from: from, to: to, rules: rules) {
                let month = String(f.date.description.prefix(7))
                for sector in (f.sectors.isEmpty ? [""] : f.sectors) {
                    repeats[SafetyCount(child: String(f.regionCode.prefix(length)), sector: sector, month: month, value: 0), default: []].insert(f.personID)
                }
            }
            add(repeats.map { SafetyCount(child: $0.key.child, sector: $0.key.sector, month: $0.key.month, value: $0.value.count) }) { $0.repeatViolators += $1 }
            return SafetySummary(region: target.value, regionName: regionName, year: p.year, asOf: p.asOf.description, overdueDays: rules.overdueDays,
                                 rows: rows.values.sorted { ($0.month, $0.regionCode, $0.sector) < ($1.month, $1.regionCode, $1.sector) })
        }
    }

    /// The names behind one figure of the summary: the region must be the
    /// caller's or under it; `month` is required (names are read month by month).
    public func people(_ call: CallContext, measure: String, region: String?, year: Int?, month: Int?, sector: String?,
                       limit: Int, offset: Int) async throws -> [SafetySummaryPerson] {
        guard let m = SafetyReportRepository.Measure(rawValue: measure) else {
            throw ServiceError.validation([FieldError(field: "measure", code: "invalid_measure", message: LocalizedText(
                zh: "指标须为：" + SafetyReportRepository.Measure.allCases.map(\.rawValue).joined(separator: "、"),
                en: "one of " + SafetyReportRepository.Measure.allCases.map(\.rawValue).joined(separator: ", ")))])
        }
        guard let month else {
            throw ServiceError.validation([FieldError(field: "month", code: "required", message: LocalizedText(zh: "请指定月份", en: "required"))])
        }
        let target = try call.jurisdiction(region)
        let p = try period(year: year, month: month, date: nil)
        let span = months(year: p.year, month: month, asOf: p.asOf)
        guard let from = span.starts.first, let to = span.ends.last else { return [] }
        let rules = self.rules
        let table = Self.initialHoursTable
        let rows: [SafetyPersonRow] = try await db.read { conn in
            let repo = SafetyReportRepository(conn)
            switch m {
            case .violations:
                return try repo.violationPeople(regionPrefix: target.prefix, from: from, to: to, sector: sector, limit: limit, offset: offset)
                    .map { var r = $0; r.detail = ViolationKind(rawValue: r.detail)?.label.zh ?? r.detail; return r }
            case .spotFailed:
                return try repo.spotFailedPeople(regionPrefix: target.prefix, from: from, to: to, sector: sector, limit: limit, offset: offset)
                    .map { var r = $0; r.detail = "得分 \(r.detail)"; return r }
            case .casesOverdue:
                return try repo.overduePeople(regionPrefix: target.prefix, month: span, sector: sector, limit: limit, offset: offset)
                    .map { var r = $0; r.detail = "案件 \(r.detail)"; return r }
            case .untrainedStarters:
                return try repo.untrainedPeople(regionPrefix: target.prefix, from: from, to: to, sector: sector, table: table, limit: limit, offset: offset)
                    .map { var r = $0; r.detail = "上岗前 \(r.detail) 学时"; return r }
            case .repeatViolators:
                let facts = try repo.violationFacts(regionPrefix: target.prefix, from: from.adding(months: -rules.repeatWindowMonths), to: to,
                                                    of: from)
                // Each person once, at their first repeat in the month (a person's violations come in date order).
                var out: [SafetyPersonRow] = []
                var seen: Set<UUID> = []
                for (f, n) in Self.repeatViolations(facts, from: from, to: to, rules: rules)
                where (sector.map { s in s.isEmpty ? f.sectors.isEmpty : f.sectors.contains(s) } ?? true) && seen.insert(f.personID).inserted {
                    out.append(SafetyPersonRow(personID: f.personID, name: f.name, enterpriseID: f.enterpriseID, enterpriseName: f.enterpriseName,
                                               regionCode: f.regionCode, date: f.date, detail: "12个月内第 \(n) 次"))
                }
                return Array(out.sorted { ($0.date, $0.name, $0.personID.uuidString) < ($1.date, $1.name, $1.personID.uuidString) }
                    .dropFirst(offset).prefix(limit))
            }
        }
        return rows.map {
            SafetySummaryPerson(personId: $0.personID.lowercased, name: $0.name, enterpriseId: $0.enterpriseID.lowercased,
                                enterpriseName: $0.enterpriseName, regionCode: $0.regionCode, date: $0.date.description, detail: $0.detail)
        }
    }

    /// R-WAVE-5 coverage under the region on `date` (default today), per child region and category.
    public func injuryPrevention(_ call: CallContext, region: String?, on date: CivilDate?) async throws -> InjuryPreventionCoverage {
        let target = try call.jurisdiction(region)
        let on = date ?? today
        return try await db.read { conn in
            let ref = ReferenceRepository(conn)
            let length = target.childPrefixLength
            var children: [String: (code: String, name: String)] = [:]
            for c in try ref.regions(parent: target.value) { if let code = RegionCode(c.code) { children[String(code.prefix.prefix(length))] = (c.code, c.name) } }
            let regionName = try ref.regionName(target.value) ?? target.value
            let workers = try SafetyReportRepository(conn).injuryPreventionWorkers(
                regionPrefix: target.prefix, sectors: InjuryPreventionRule.sectors.sorted(), on: on)
            func area(_ code: String, _ name: String, _ list: [InjuryPreventionWorker]) -> InjuryPreventionCoverage.Area {
                let categorised = list.compactMap { w in
                    InjuryPreventionRule.category(Set(w.roles.compactMap { EmploymentRole(rawValue: $0) })).map { ($0, w.trained) }
                }
                return InjuryPreventionCoverage.Area(
                    regionCode: code, regionName: name, enterprises: Set(list.map(\.enterpriseID)).count,
                    figures: InjuryPreventionRule.Category.allCases.map { c in
                        InjuryPreventionCoverage.Figures(category: c.rawValue, categoryLabel: c.label.zh, target: categorised.filter { $0.0 == c }.count,
                                                         trained: categorised.filter { $0.0 == c && $0.1 }.count)
                    })
            }
            let grouped = Dictionary(grouping: workers) { children[String($0.regionCode.prefix(length))]?.code ?? target.value }
            let areas = grouped.map { code, list in
                area(code, children.values.first { $0.code == code }?.name ?? "\(regionName)（本级）", list)
            }.sorted { $0.regionCode < $1.regionCode }
            return InjuryPreventionCoverage(region: target.value, regionName: regionName, asOf: on.description,
                                            deadline: InjuryPreventionRule.deadline.description,
                                            daysToDeadline: InjuryPreventionRule.daysToDeadline(from: on),
                                            total: area(target.value, regionName, workers), areas: areas)
        }
    }
}
