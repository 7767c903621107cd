import AnpeiDomain
import Foundation

/// One figure of the monthly summary: child region × sector × month.
public struct SafetyCount: Sendable, Hashable {
    public var child: String
    public var sector: String
    public var month: String
    public var value: Int
    public init(child: String, sector: String, month: String, value: Int) {
        self.child = child
        self.sector = sector
        self.month = month
        self.value = value
    }
}

/// A standing violation, for the repeat-violator rule (computed in AnpeiDomain).
public struct ViolationFact: Sendable {
    public var personID: UUID
    public var name: String
    public var enterpriseID: UUID
    public var enterpriseName: String
    public var regionCode: String
    public var sectors: [String]
    public var date: CivilDate
}

/// A name behind a figure.
public struct SafetyPersonRow: Sendable {
    public var personID: UUID
    public var name: String
    public var enterpriseID: UUID
    public var enterpriseName: String
    public var regionCode: String
    public var date: CivilDate
    public var detail: String
    public init(personID: UUID, name: String, enterpriseID: UUID, enterpriseName: String, regionCode: String, date: CivilDate, detail: String) {
        self.personID = personID
        self.name = name
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.regionCode = regionCode
        self.date = date
        self.detail = detail
    }
}

/// The month boundaries a summary is cut at, with the overdue cut-off of each
/// month's end (from `RetrainingRules`, so the rule is not restated here).
public struct SummaryMonths: Sendable {
    public var starts: [CivilDate]
    public var ends: [CivilDate]
    public var overdueCutoffs: [CivilDate]
    public init(starts: [CivilDate], ends: [CivilDate], overdueCutoffs: [CivilDate]) {
        self.starts = starts
        self.ends = ends
        self.overdueCutoffs = overdueCutoffs
    }
}

/// The thresholds of R-HOURS-1/2 as data for set-based counting: which event
/// kinds count as initial training, which roles are management, and the
/// required hours for each (management, high-risk) pair, all from `HoursRules`.
public struct InitialHoursTable: Sendable {
    public var initialKinds: [String]
    public var managementRoles: [String]
    /// management × high-risk: [nn, nh, mn, mh]
    public var required: [Int]
    public init(initialKinds: [String], managementRoles: [String], required: [Int]) {
        self.initialKinds = initialKinds
        self.managementRoles = managementRoles
        self.required = required
    }
}

/// SQL behind the regulator's 三违 summary and its drill-down. Every query is
/// limited to enterprises under `regionPrefix`; the service has checked that
/// the region is the caller's.
public struct SafetyReportRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// The figures of the monthly summary in one statement: each measure is
    /// first counted per enterprise and month from its own table, and only
    /// then joined to the enterprises (region, sectors), so the 100,000 rows
    /// of a province's enterprises are read once. Measures: violations,
    /// spot_examined, spot_failed, cases_opened, cases_closed, cases_overdue,
    /// untrained_starters. Repeat violators are counted by the service.
    public func summary(regionPrefix: String, childLength: Int, months: SummaryMonths, table: InitialHoursTable) throws -> [String: [SafetyCount]] {
        guard let from = months.starts.first, let to = months.ends.last else { return [:] }
        let (f, t) = (from.description, to.description)
        let rows = try analytical { try conn.query("""
            WITH m(start_on, end_on, cutoff) AS (
                SELECT * FROM unnest(\(PGArray(months.starts.map(\.description)))::date[], \(PGArray(months.ends.map(\.description)))::date[],
                                     \(PGArray(months.overdueCutoffs.map(\.description)))::date[])),
            spot AS (
                SELECT i.enterprise_id, date_trunc('month', i.inspected_on)::date AS month, bool_or(a.passed) AS passed
                FROM inspections i JOIN exam_attempts a ON a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed IS NOT NULL
                WHERE i.inspected_on BETWEEN \(f)::date AND \(t)::date GROUP BY i.id, a.person_id),
            f AS (
                SELECT 'violations' AS measure, v.enterprise_id, date_trunc('month', v.occurred_on)::date AS month, count(*) AS n
                FROM violations v
                WHERE v.occurred_on BETWEEN \(f)::date AND \(t)::date AND v.kind <> 'spot_exam_failed'
                  AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.supersedes = v.id)
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT 'spot_examined', enterprise_id, month, count(*) FROM spot GROUP BY 1, 2, 3
                UNION ALL
                SELECT 'spot_failed', enterprise_id, month, count(*) FROM spot WHERE NOT passed GROUP BY 1, 2, 3
                UNION ALL
                SELECT 'cases_opened', c.enterprise_id, date_trunc('month', c.opened_on)::date, count(*) FROM retraining_cases c
                WHERE c.status <> 'void' AND c.opened_on BETWEEN \(f)::date AND \(t)::date GROUP BY 1, 2, 3
                UNION ALL
                SELECT 'cases_closed', c.enterprise_id, date_trunc('month', c.closed_on)::date, count(*) FROM retraining_cases c
                WHERE c.status = 'reinstated' AND c.closed_on BETWEEN \(f)::date AND \(t)::date GROUP BY 1, 2, 3
                UNION ALL
                -- open at the month's end (or the as-of date) and opened before its overdue cut-off
                SELECT 'cases_overdue', c.enterprise_id, m.start_on, count(*) FROM m
                JOIN retraining_cases c ON c.status <> 'void' AND c.opened_on < m.cutoff AND (c.status = 'open' OR c.closed_on > m.end_on)
                WHERE c.enterprise_id IN (SELECT id FROM enterprises WHERE region_code LIKE \(regionPrefix) || '%')
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT 'untrained_starters', u.enterprise_id, date_trunc('month', u.start_date)::date, count(*)
                FROM (\(Self.startersSQL(regionPrefix, from, to, table))) u WHERE u.initial < u.required GROUP BY 1, 2, 3)
            SELECT f.measure, left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(f.month, 'YYYY-MM') AS month, sum(f.n)::int AS n
            FROM f JOIN enterprises e ON e.id = f.enterprise_id LEFT JOIN enterprise_sectors es ON es.enterprise_id = e.id
            WHERE e.region_code LIKE \(regionPrefix) || '%'
            GROUP BY 1, 2, 3, 4
            """, prepared: false) }
        var out: [String: [SafetyCount]] = [:]
        for row in rows {
            out[try row.decode("measure", as: String.self), default: []].append(SafetyCount(
                child: try row.decode("child"), sector: try row.decode("sector"), month: try row.decode("month"), value: try row.decode("n")))
        }
        return out
    }

    /// JIT compilation costs these short analytical statements more (tens of
    /// milliseconds) than it saves: off for the statement, back after it.
    /// Its rows per enterprise and month (tens of thousands for a province's
    /// year) are grouped in memory rather than sorted on disk.
    func analytical<T>(_ body: () throws -> T) throws -> T {
        try conn.execute("SET jit = off")
        try conn.execute("SET work_mem = '32MB'")
        defer {
            try? conn.execute("RESET jit")
            try? conn.execute("RESET work_mem")
        }
        return try body()
    }

    /// Everyone who started work at an enterprise (their first day there) in
    /// [from, to] under the region, with their initial hours and the hours required of them.
    static func startersSQL(_ regionPrefix: String, _ from: CivilDate, _ to: CivilDate, _ t: InitialHoursTable) -> SQL {
        """
        SELECT s.*, (\(PGArray(t.required.map(String.init)))::int[])[1 + (s.management::int) * 2 + (s.high_risk::int)] AS required
        FROM (
            SELECT em.person_id, em.enterprise_id, em.start_date, e.region_code, e.name AS enterprise_name,
                   em.roles && \(PGArray(t.managementRoles))::text[] AS management,
                   coalesce(e.high_risk_override, EXISTS (SELECT 1 FROM enterprise_sectors x JOIN sectors sc ON sc.code = x.sector_code
                                                          WHERE x.enterprise_id = e.id AND sc.high_risk_training)) AS high_risk,
                   (SELECT coalesce(sum(t.hours), 0) FROM training_event_attendees a JOIN training_events t ON t.id = a.event_id
                    WHERE a.person_id = em.person_id AND t.enterprise_id = em.enterprise_id
                      AND t.kind = ANY (\(PGArray(t.initialKinds))::text[]) AND t.held_on <= em.start_date)::int AS initial
            FROM employments em JOIN enterprises e ON e.id = em.enterprise_id
            WHERE em.start_date BETWEEN \(from.description)::date AND \(to.description)::date AND e.region_code LIKE \(regionPrefix) || '%'
              -- the first day at the enterprise: a return is a post change, not a start (R-HOURS-3)
              AND NOT EXISTS (SELECT 1 FROM employments y WHERE y.person_id = em.person_id AND y.enterprise_id = em.enterprise_id
                                AND y.start_date < em.start_date)) s
        """
    }

    /// Standing violations under the region between the dates, with the
    /// enterprise's sectors; with `of`, only those of people who have a
    /// violation on or after that day (the period asked about: their history
    /// decides whether they repeat).
    public func violationFacts(regionPrefix: String, from: CivilDate, to: CivilDate, enterprise: UUID? = nil, of: CivilDate? = nil) throws -> [ViolationFact] {
        try conn.query("""
            SELECT v.person_id, p.name, v.enterprise_id, e.name AS enterprise_name, e.region_code, v.occurred_on,
                   coalesce((SELECT array_agg(es.sector_code ORDER BY es.sector_code) FROM enterprise_sectors es WHERE es.enterprise_id = e.id),
                            '{}') AS sectors
            FROM violations v JOIN enterprises e ON e.id = v.enterprise_id JOIN people p ON p.id = v.person_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND v.occurred_on BETWEEN \(from.description)::date AND \(to.description)::date
              AND v.kind <> 'spot_exam_failed' AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.supersedes = v.id)
              AND (\(enterprise)::uuid IS NULL OR v.enterprise_id = \(enterprise)::uuid)
              AND (\(of?.description)::date IS NULL OR v.person_id IN (
                    SELECT w.person_id FROM violations w WHERE w.occurred_on BETWEEN \(of?.description)::date AND \(to.description)::date))
            ORDER BY v.person_id, v.occurred_on
            """, prepared: false).map {
            ViolationFact(personID: try $0.decode("person_id"), name: try $0.decode("name"), enterpriseID: try $0.decode("enterprise_id"),
                          enterpriseName: try $0.decode("enterprise_name"), regionCode: try $0.decode("region_code"),
                          sectors: try $0.decode("sectors"), date: try $0.decode("occurred_on"))
        }
    }
}
