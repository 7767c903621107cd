import AnpeiDomain
import Foundation

extension SafetyReportRepository {
    /// The names behind one figure: `measure` for the days [from, to] under the
    /// region, optionally one sector ("" for enterprises without one).
    public enum Measure: String, Sendable, CaseIterable {
        case violations
        case spotFailed = "spot_failed"
        case casesOverdue = "cases_overdue"
        case untrainedStarters = "untrained_starters"
        case repeatViolators = "repeat_violators"
    }

    static func sectorFilter(_ sector: String?, _ enterprise: String) -> SQL {
        guard let sector else { return "" }
        if sector.isEmpty { return "AND NOT EXISTS (SELECT 1 FROM enterprise_sectors z WHERE z.enterprise_id = \(raw: enterprise))" }
        return "AND EXISTS (SELECT 1 FROM enterprise_sectors z WHERE z.enterprise_id = \(raw: enterprise) AND z.sector_code = \(sector))"
    }

    func people(_ sql: SQL) throws -> [SafetyPersonRow] {
        try conn.query(sql, prepared: false).map {
            SafetyPersonRow(personID: try $0.decode("person_id"), name: try $0.decode("name"), enterpriseID: try $0.decode("enterprise_id"),
                            enterpriseName: try $0.decode("enterprise_name"), regionCode: try $0.decode("region_code"),
                            date: try $0.decode("day"), detail: try $0.decode("detail"))
        }
    }

    public func violationPeople(regionPrefix: String, from: CivilDate, to: CivilDate, sector: String?, limit: Int, offset: Int) throws -> [SafetyPersonRow] {
        try people("""
            SELECT v.person_id, p.name, v.enterprise_id, e.name AS enterprise_name, e.region_code, v.occurred_on AS day, v.kind AS detail
            FROM violations v JOIN enterprises e ON e.id = v.enterprise_id JOIN people p ON p.id = v.person_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND v.occurred_on BETWEEN \(from.description)::date AND \(to.description)::date
              AND v.kind <> 'spot_exam_failed' AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.supersedes = v.id)
              \(Self.sectorFilter(sector, "e.id"))
            ORDER BY v.occurred_on, p.name, v.id LIMIT \(limit) OFFSET \(offset)
            """)
    }

    public func spotFailedPeople(regionPrefix: String, from: CivilDate, to: CivilDate, sector: String?, limit: Int, offset: Int) throws -> [SafetyPersonRow] {
        try people("""
            SELECT a.person_id, p.name, i.enterprise_id, e.name AS enterprise_name, e.region_code, i.inspected_on AS day,
                   max(a.score)::text AS detail
            FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
            JOIN exam_attempts a ON a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed IS NOT NULL
            JOIN people p ON p.id = a.person_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND i.inspected_on BETWEEN \(from.description)::date AND \(to.description)::date
              \(Self.sectorFilter(sector, "e.id"))
            GROUP BY i.id, a.person_id, p.name, i.enterprise_id, e.name, e.region_code, i.inspected_on
            HAVING NOT bool_or(a.passed)
            ORDER BY i.inspected_on, p.name, a.person_id LIMIT \(limit) OFFSET \(offset)
            """)
    }

    /// Open at `month.end` longer than the overdue days (the month is one element of `months`).
    public func overduePeople(regionPrefix: String, month: SummaryMonths, sector: String?, limit: Int, offset: Int) throws -> [SafetyPersonRow] {
        try people("""
            SELECT c.person_id, (SELECT name FROM people WHERE id = c.person_id) AS name, c.enterprise_id, e.name AS enterprise_name,
                   e.region_code, c.opened_on AS day, c.id::text AS detail
            FROM unnest(\(PGArray(month.starts.map(\.description)))::date[], \(PGArray(month.ends.map(\.description)))::date[],
                        \(PGArray(month.overdueCutoffs.map(\.description)))::date[]) AS m(start_on, end_on, cutoff)
            JOIN retraining_cases c ON c.status <> 'void' AND c.opened_on < m.cutoff AND (c.status = 'open' OR c.closed_on > m.end_on)
            JOIN enterprises e ON e.id = c.enterprise_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' \(Self.sectorFilter(sector, "e.id"))
            ORDER BY c.opened_on, c.id LIMIT \(limit) OFFSET \(offset)
            """)
    }

    public func untrainedPeople(regionPrefix: String, from: CivilDate, to: CivilDate, sector: String?, table: InitialHoursTable,
                                limit: Int, offset: Int) throws -> [SafetyPersonRow] {
        try people("""
            SELECT u.person_id, p.name, u.enterprise_id, u.enterprise_name, u.region_code, u.start_date AS day,
                   u.initial || '/' || u.required AS detail
            FROM (\(Self.startersSQL(regionPrefix, from, to, table))) u JOIN people p ON p.id = u.person_id
            WHERE u.initial < u.required \(Self.sectorFilter(sector, "u.enterprise_id"))
            ORDER BY u.start_date, p.name, u.person_id LIMIT \(limit) OFFSET \(offset)
            """)
    }
}
