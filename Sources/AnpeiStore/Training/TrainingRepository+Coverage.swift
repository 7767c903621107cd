import AnpeiDomain
import Foundation

extension TrainingRepository {
    /// The waves of `year` that reach into the region (`w`), the target
    /// population per wave (`t`: people holding the target role, during the
    /// year, in enterprises of the wave's sector inside both the wave's
    /// jurisdiction and the region) and what each did in any equivalent wave
    /// (`d`: same year, role, sector; observers excluded).
    ///
    /// `d` is gathered one of two ways with the same result: from the targets
    /// (index lookups by person, best for a county's few hundred people) or
    /// from the equivalent waves' sessions (one scan, best for a province's
    /// hundred thousand).
    static func coverageTargets(regionPrefix: String, year: Int, wave: UUID?, sector: String?) -> SQL {
        let personDriven = Self.personDriven(regionPrefix)
        let d: SQL = personDriven
            ? """
            d AS MATERIALIZED (
                SELECT tp.wave_id, tp.person_id, bool_or(en.status = 'completed') AS completed
                FROM (SELECT DISTINCT wave_id, person_id FROM t) tp
                JOIN w ON w.id = tp.wave_id
                JOIN training_enrollments en ON en.person_id = tp.person_id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                JOIN training_sessions s ON s.id = en.session_id AND s.status <> 'cancelled'
                JOIN training_waves w2 ON w2.id = s.wave_id AND w2.year = w.year AND w2.target_role = w.target_role
                                       AND w2.sector_code = w.sector_code
                GROUP BY 1, 2
            )
            """
            : """
            d AS MATERIALIZED (
                SELECT w.id AS wave_id, en.person_id, bool_or(en.status = 'completed') AS completed
                FROM w
                JOIN training_waves w2 ON w2.year = w.year AND w2.target_role = w.target_role AND w2.sector_code = w.sector_code
                JOIN training_sessions s ON s.wave_id = w2.id AND s.status <> 'cancelled'
                JOIN training_enrollments en ON en.session_id = s.id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                GROUP BY w.id, en.person_id
            )
            """
        return """
            w AS (
                SELECT id, year, target_role, sector_code, jurisdiction_prefix, (\(regionPrefix)::text LIKE jurisdiction_prefix || '%') AS covers
                FROM training_waves
                WHERE year = \(year)::int AND (\(wave)::uuid IS NULL OR id = \(wave)::uuid)
                  AND (\(sector)::text IS NULL OR sector_code = \(sector)::text)
                  AND (jurisdiction_prefix LIKE \(regionPrefix)::text || '%' OR \(regionPrefix)::text LIKE jurisdiction_prefix || '%')
            ), re AS MATERIALIZED (
                SELECT id, region_code FROM enterprises WHERE region_code LIKE \(regionPrefix)::text || '%'
            ), t AS MATERIALIZED (
                SELECT w.id AS wave_id, em.person_id, e.id AS enterprise_id, e.region_code
                FROM w
                JOIN enterprise_sectors es ON es.sector_code = w.sector_code
                JOIN re e ON e.id = es.enterprise_id
                -- The constant role filter lets the scan drop most employments before the join.
                JOIN employments em ON em.enterprise_id = e.id AND em.roles && ARRAY['principal', 'fire_safety_responsible']
                WHERE (w.covers OR e.region_code LIKE w.jurisdiction_prefix || '%')
                  AND \(raw: Self.targetEmployment)
            ), \(d)
            """
    }

    /// The one definition of a wave's target (R-WAVE-1): an employment `em`
    /// holding the wave `w`'s target role at some time during its year. Both
    /// the coverage figures and an enterprise's own list use it, joined to
    /// enterprises of the wave's sector inside its jurisdiction.
    static let targetEmployment = """
        w.target_role = ANY (em.roles)
        AND em.start_date <= make_date(w.year, 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date(w.year, 1, 1))
        """

    /// Person-driven gathering pays off below the prefecture (a LIKE prefix of 6 or more).
    static func personDriven(_ regionPrefix: String) -> Bool { regionPrefix.count >= 6 }

    /// Counts per wave for the whole region (`region` nil) and per child
    /// division, the child being the first `childPrefixLength` characters of the
    /// enterprise's division code. People are counted once per wave (and once
    /// per child), whatever the number of their qualifying employments.
    public func coverage(regionPrefix: String, year: Int, wave: UUID?, sector: String?, childPrefixLength: Int) throws -> [CoverageRow] {
        try conn.query(
            """
            WITH \(Self.coverageTargets(regionPrefix: regionPrefix, year: year, wave: wave, sector: sector)), p AS (
                SELECT t.wave_id, t.person_id, left(t.region_code, \(childPrefixLength)) AS child FROM t GROUP BY 1, 2, 3
            ), s AS (
                SELECT p.wave_id, p.child, p.person_id, d.completed
                FROM p LEFT JOIN d ON d.wave_id = p.wave_id AND d.person_id = p.person_id
            )
            SELECT wave_id::text AS wave_id, child AS region, count(*) AS target,
                   count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE NOT completed) AS enrolled
            FROM s GROUP BY 1, 2
            UNION ALL
            SELECT wave_id::text, NULL, count(*), count(*) FILTER (WHERE completed), count(*) FILTER (WHERE NOT completed)
            FROM (SELECT wave_id, person_id, bool_or(completed) AS completed FROM s GROUP BY 1, 2) x GROUP BY 1
            """, prepared: false
        ).rows.map {
            CoverageRow(waveID: try $0.decode("wave_id"), region: try $0.decode("region"), target: try $0.decode("target"),
                        completed: try $0.decode("completed"), enrolled: try $0.decode("enrolled"))
        }
    }

    /// People of the target populations who have not completed, with whether
    /// they are enrolled; `limit` nil for all (CSV export).
    public func missing(regionPrefix: String, year: Int, wave: UUID?, sector: String?, limit: Int?, offset: Int) throws -> [MissingRow] {
        try conn.query(
            """
            WITH \(Self.coverageTargets(regionPrefix: regionPrefix, year: year, wave: wave, sector: sector))
            SELECT DISTINCT ON (t.region_code, e.name, p.name, t.person_id, t.wave_id) jsonb_build_object(
                'waveId', t.wave_id, 'waveTitle', (SELECT title FROM training_waves x WHERE x.id = t.wave_id),
                'personId', t.person_id, 'name', p.name,
                'documentMasked', p.document_number,
                'enterpriseId', t.enterprise_id, 'enterpriseName', e.name, 'regionCode', t.region_code,
                'status', CASE WHEN d.person_id IS NULL THEN 'not_enrolled' ELSE 'enrolled' END) AS doc
            FROM t JOIN people p ON p.id = t.person_id JOIN enterprises e ON e.id = t.enterprise_id
            LEFT JOIN d ON d.wave_id = t.wave_id AND d.person_id = t.person_id
            WHERE d.completed IS NOT TRUE
            ORDER BY t.region_code, e.name, p.name, t.person_id, t.wave_id
            LIMIT \(limit) OFFSET \(offset)
            """, prepared: false
        ).rows.map { row in
            var person = try JSONColumn.decode(row, "doc", as: MissingRow.self)
            person.documentMasked = IdentityDocument.mask(person.documentMasked)  // the one rule, applied here
            return person
        }
    }

    /// The target population of one enterprise for the year's waves.
    public func targets(enterprise: UUID, year: Int) throws -> [(waveID: String, personID: String, name: String)] {
        try conn.query(
            """
            SELECT DISTINCT w.id::text AS wave_id, p.id::text AS person_id, p.name
            FROM training_waves w
            JOIN enterprises e ON e.id = \(enterprise) AND e.region_code LIKE w.jurisdiction_prefix || '%'
            JOIN enterprise_sectors es ON es.enterprise_id = e.id AND es.sector_code = w.sector_code
            JOIN employments em ON em.enterprise_id = e.id AND \(raw: Self.targetEmployment)
            JOIN people p ON p.id = em.person_id
            WHERE w.year = \(year)
            ORDER BY 3, 2, 1
            """, prepared: false
        ).rows.map { (try $0.decode("wave_id"), try $0.decode("person_id"), try $0.decode("name")) }
    }
}
