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

    static func sectorJoin(_ alias: String) -> SQL {
        "LEFT JOIN enterprise_sectors es ON es.enterprise_id = \(raw: alias).id"
    }

    func counts(_ sql: SQL) throws -> [SafetyCount] {
        try conn.query(sql, prepared: false).map {
            SafetyCount(child: try $0.decode("child"), sector: try $0.decode("sector"), month: try $0.decode("month"), value: try $0.decode("n"))
        }
    }

    /// Standing 三违 records (not superseded; failed spot exams apart) per month of the deed.
    public func violations(regionPrefix: String, childLength: Int, from: CivilDate, to: CivilDate) throws -> [SafetyCount] {
        try counts("""
            SELECT left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(v.occurred_on, 'YYYY-MM') AS month, count(*)::int AS n
            FROM violations v JOIN enterprises e ON e.id = v.enterprise_id \(Self.sectorJoin("e"))
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND v.occurred_on BETWEEN \(from.description)::date AND \(to.description)::date
              AND v.kind <> 'spot_exam_failed' AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.supersedes = v.id)
            GROUP BY 1, 2, 3
            """)
    }

    /// Workers examined on the spot per month of the inspection, and of them those who failed
    /// (one result per inspection and person: passed if any attempt passed).
    public func spotExams(regionPrefix: String, childLength: Int, from: CivilDate, to: CivilDate) throws -> (examined: [SafetyCount], failed: [SafetyCount]) {
        let rows = try conn.query("""
            WITH r AS (
                SELECT i.enterprise_id, i.inspected_on, bool_or(a.passed) AS passed
                FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
                JOIN exam_attempts a ON a.purpose = 'spot_check' AND a.subject_id = i.id AND a.passed IS NOT NULL
                WHERE e.region_code LIKE \(regionPrefix) || '%' AND i.inspected_on BETWEEN \(from.description)::date AND \(to.description)::date
                GROUP BY i.id, a.person_id)
            SELECT left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(r.inspected_on, 'YYYY-MM') AS month, count(*)::int AS examined, (count(*) FILTER (WHERE NOT r.passed))::int AS failed
            FROM r JOIN enterprises e ON e.id = r.enterprise_id \(Self.sectorJoin("e"))
            GROUP BY 1, 2, 3
            """, prepared: false)
        var examined: [SafetyCount] = [], failed: [SafetyCount] = []
        for row in rows {
            let key = (try row.decode("child", as: String.self), try row.decode("sector", as: String.self), try row.decode("month", as: String.self))
            examined.append(SafetyCount(child: key.0, sector: key.1, month: key.2, value: try row.decode("examined")))
            failed.append(SafetyCount(child: key.0, sector: key.1, month: key.2, value: try row.decode("failed")))
        }
        return (examined, failed)
    }

    /// Cases opened per month (void ones apart) and reinstated per month.
    public func cases(regionPrefix: String, childLength: Int, from: CivilDate, to: CivilDate) throws -> (opened: [SafetyCount], closed: [SafetyCount]) {
        let opened = try counts("""
            SELECT left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(c.opened_on, 'YYYY-MM') AS month, count(*)::int AS n
            FROM retraining_cases c JOIN enterprises e ON e.id = c.enterprise_id \(Self.sectorJoin("e"))
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND c.status <> 'void'
              AND c.opened_on BETWEEN \(from.description)::date AND \(to.description)::date
            GROUP BY 1, 2, 3
            """)
        let closed = try counts("""
            SELECT left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(c.closed_on, 'YYYY-MM') AS month, count(*)::int AS n
            FROM retraining_cases c JOIN enterprises e ON e.id = c.enterprise_id \(Self.sectorJoin("e"))
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND c.status = 'reinstated'
              AND c.closed_on BETWEEN \(from.description)::date AND \(to.description)::date
            GROUP BY 1, 2, 3
            """)
        return (opened, closed)
    }

    static func overdueSQL(_ regionPrefix: String, _ months: SummaryMonths, select: String, tail: String) -> SQL {
        """
        SELECT \(raw: select)
        FROM unnest(\(PGArray(months.starts.map(\.description)))::date[], \(PGArray(months.ends.map(\.description)))::date[],
                    \(PGArray(months.overdueCutoffs.map(\.description)))::date[]) AS m(start_on, end_on, cutoff)
        JOIN retraining_cases c ON c.status <> 'void' AND c.opened_on < m.cutoff AND (c.status = 'open' OR c.closed_on > m.end_on)
        JOIN enterprises e ON e.id = c.enterprise_id \(sectorJoin("e"))
        WHERE e.region_code LIKE \(regionPrefix) || '%' \(raw: tail)
        """
    }

    /// Cases open at each month's end longer than the overdue days.
    public func overdue(regionPrefix: String, childLength: Int, months: SummaryMonths) throws -> [SafetyCount] {
        try counts(Self.overdueSQL(regionPrefix, months, select: """
            left(e.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector, to_char(m.start_on, 'YYYY-MM') AS month, count(*)::int AS n
            """, tail: "GROUP BY 1, 2, 3"))
    }

    static func startersSQL(_ regionPrefix: String, _ from: CivilDate, _ to: CivilDate, _ t: InitialHoursTable) -> SQL {
        """
        WITH s AS (
            SELECT em.person_id, em.enterprise_id, em.start_date, e.region_code, e.name AS enterprise_name,
                   em.roles && \(PGArray(t.managementRoles))::text[] AS management,
                   coalesce(e.high_risk_override, EXISTS (SELECT 1 FROM enterprise_sectors x JOIN sectors sc ON sc.code = x.sector_code
                                                          WHERE x.enterprise_id = e.id AND sc.high_risk_training)) AS high_risk,
                   (SELECT coalesce(sum(t.hours), 0) FROM training_event_attendees a JOIN training_events t ON t.id = a.event_id
                    WHERE a.person_id = em.person_id AND t.enterprise_id = em.enterprise_id
                      AND t.kind = ANY (\(PGArray(t.initialKinds))::text[]) AND t.held_on <= em.start_date)::int AS initial
            FROM employments em JOIN enterprises e ON e.id = em.enterprise_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND em.start_date BETWEEN \(from.description)::date AND \(to.description)::date
              -- the first day at the enterprise: a return is a post change, not a start (R-HOURS-3)
              AND NOT EXISTS (SELECT 1 FROM employments y WHERE y.person_id = em.person_id AND y.enterprise_id = em.enterprise_id
                                AND y.start_date < em.start_date)),
        u AS (SELECT s.*, (\(PGArray(t.required.map(String.init)))::int[])[1 + (s.management::int) * 2 + (s.high_risk::int)] AS required
              FROM s)
        """
    }

    /// 未培训先上岗 (R-EMP-3): people who started work at an enterprise in the
    /// month with fewer initial class hours than `HoursRules` requires.
    public func untrainedStarters(regionPrefix: String, childLength: Int, from: CivilDate, to: CivilDate, table: InitialHoursTable) throws -> [SafetyCount] {
        try counts("""
            \(Self.startersSQL(regionPrefix, from, to, table))
            SELECT left(u.region_code, \(childLength)) AS child, coalesce(es.sector_code, '') AS sector,
                   to_char(u.start_date, 'YYYY-MM') AS month, count(*)::int AS n
            FROM u LEFT JOIN enterprise_sectors es ON es.enterprise_id = u.enterprise_id
            WHERE u.initial < u.required GROUP BY 1, 2, 3
            """)
    }

    /// Standing violations under the region between the dates, with the enterprise's sectors.
    public func violationFacts(regionPrefix: String, from: CivilDate, to: CivilDate, enterprise: UUID? = nil) throws -> [ViolationFact] {
        try conn.query("""
            SELECT v.person_id, p.name, v.enterprise_id, e.name AS enterprise_name, e.region_code, v.occurred_on,
                   coalesce((SELECT array_agg(es.sector_code ORDER BY es.sector_code) FROM enterprise_sectors es WHERE es.enterprise_id = e.id),
                            '{}') AS sectors
            FROM violations v JOIN enterprises e ON e.id = v.enterprise_id JOIN people p ON p.id = v.person_id
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND v.occurred_on BETWEEN \(from.description)::date AND \(to.description)::date
              AND v.kind <> 'spot_exam_failed' AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.supersedes = v.id)
              AND (\(enterprise)::uuid IS NULL OR v.enterprise_id = \(enterprise)::uuid)
            ORDER BY v.person_id, v.occurred_on
            """, prepared: false).map {
            ViolationFact(personID: try $0.decode("person_id"), name: try $0.decode("name"), enterpriseID: try $0.decode("enterprise_id"),
                          enterpriseName: try $0.decode("enterprise_name"), regionCode: try $0.decode("region_code"),
                          sectors: try $0.decode("sectors"), date: try $0.decode("occurred_on"))
        }
    }
}
