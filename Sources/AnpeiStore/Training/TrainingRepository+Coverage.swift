import AnpeiDomain
import Foundation

extension TrainingRepository {
    /// The waves of `year` that reach into the region (`w`); the candidates
    /// (`t`: employments holding the target role at some time during the year,
    /// in enterprises with a sector under the wave's (R-WAVE-7) inside both the
    /// wave's jurisdiction and the region); what each candidate did in any
    /// equivalent wave (`d`: same year and role, a wave whose sector the
    /// person's enterprise also falls under; observers excluded; the earliest
    /// counted completion by the as-of date); and the population `p` of
    /// R-WAVE-6 for the as-of date: holding the role on that date in an active
    /// enterprise, or having completed while holding it.
    ///
    /// `d` is gathered one of two ways with the same result: from the targets
    /// (index lookups by person, best for a county's few hundred people) or
    /// from the equivalent waves' sessions (one scan, best for a province's
    /// hundred thousand).
    static func coverageTargets(regionPrefix: String, year: Int, asOf: CivilDate, wave: UUID?, sector: String?) -> SQL {
        let personDriven = Self.personDriven(regionPrefix)
        let asOfText = asOf.description
        let counted: SQL = """
            min(en.completed_on) FILTER (WHERE en.status = 'completed' AND en.uncounted_reason IS NULL
                                           AND en.completed_on <= \(asOfText)::date) AS completed_on
            """
        // What each candidate did: one row per person and attempted wave's
        // year, role, sector and kind, independent of the waves asked about
        // (joining per wave multiplied the rows by the number of waves). The
        // years reach back two for catch-up waves (R-WAVE-9).
        let d: SQL = personDriven
            ? """
            d AS MATERIALIZED (
                SELECT en.person_id, w2.year, w2.target_role, w2.sector_code, w2.kind, \(counted)
                FROM (SELECT DISTINCT person_id FROM t) tp
                JOIN training_enrollments en ON en.person_id = tp.person_id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                JOIN training_sessions s ON s.id = en.session_id AND s.status <> 'cancelled'
                JOIN training_waves w2 ON w2.id = s.wave_id AND w2.year BETWEEN \(year)::int - 2 AND \(year)::int
                GROUP BY 1, 2, 3, 4, 5
            )
            """
            : """
            d AS MATERIALIZED (
                SELECT en.person_id, w2.year, w2.target_role, w2.sector_code, w2.kind, \(counted)
                FROM training_waves w2
                JOIN training_sessions s ON s.wave_id = w2.id AND s.status <> 'cancelled'
                JOIN training_enrollments en ON en.session_id = s.id AND NOT en.observer
                                             AND en.status IN ('enrolled', 'completed', 'not_completed')
                WHERE w2.year BETWEEN \(year)::int - 2 AND \(year)::int
                GROUP BY 1, 2, 3, 4, 5
            )
            """
        return """
            w AS (
                SELECT id, year, target_role, sector_code, jurisdiction_prefix, kind, target_roles, owners,
                       (\(regionPrefix)::text LIKE jurisdiction_prefix || '%') AS covers
                FROM training_waves
                WHERE year = \(year)::int AND (\(wave)::uuid IS NULL OR id = \(wave)::uuid)
                  AND (\(sector)::text IS NULL OR sector_code = \(sector)::text)
                  AND (jurisdiction_prefix LIKE \(regionPrefix)::text || '%' OR \(regionPrefix)::text LIKE jurisdiction_prefix || '%')
            ), sa AS MATERIALIZED (
                SELECT code, ancestor FROM sector_ancestry
            ), re AS MATERIALIZED (
                SELECT id, region_code, status, key_enterprise, ownership FROM enterprises WHERE region_code LIKE \(regionPrefix)::text || '%'
            ), t AS MATERIALIZED (
                SELECT DISTINCT w.id AS wave_id, w.kind AS wave_kind, em.person_id, e.id AS enterprise_id, e.region_code,
                       em.start_date, em.end_date, e.status = 'active' AS active
                FROM w
                JOIN sa ON sa.ancestor = w.sector_code
                JOIN enterprise_sectors es ON es.sector_code = sa.code
                JOIN re e ON e.id = es.enterprise_id
                -- The constant role filter lets the scan drop most employments before the join.
                JOIN employments em ON em.enterprise_id = e.id AND em.roles && \(raw: Self.trainedRoles)
                WHERE w.kind <> 'sasac_batch' AND (w.covers OR e.region_code LIKE w.jurisdiction_prefix || '%')
                  AND \(raw: Self.targetEmployment)
                UNION
                -- R-WAVE-9: a SASAC batch trains the key enterprises of its owners, whatever their sector.
                SELECT w.id, w.kind, em.person_id, e.id, e.region_code, em.start_date, em.end_date, e.status = 'active'
                FROM w
                JOIN re e ON e.key_enterprise AND e.ownership = ANY (w.owners)
                JOIN employments em ON em.enterprise_id = e.id AND em.roles && \(raw: Self.trainedRoles)
                WHERE w.kind = 'sasac_batch' AND (w.covers OR e.region_code LIKE w.jurisdiction_prefix || '%')
                  AND \(raw: Self.targetEmployment)
            ), \(d), ea AS MATERIALIZED (
                -- The sectors (with their ancestors) of the candidates' enterprises.
                SELECT DISTINCT es.enterprise_id, sa.ancestor
                FROM (SELECT DISTINCT enterprise_id FROM t) te
                JOIN enterprise_sectors es ON es.enterprise_id = te.enterprise_id JOIN sa ON sa.code = es.sector_code
            ), dm AS MATERIALIZED (
                -- R-WAVE-7: an attempt of the year and role counts for a candidate
                -- employment when its enterprise also falls under the attempted
                -- wave's sector; SASAC batches count for each other only; a
                -- catch-up wave takes any principal training of its years.
                SELECT t.wave_id, t.person_id, t.enterprise_id, min(d.completed_on) AS completed_on
                FROM t JOIN w ON w.id = t.wave_id
                JOIN d ON d.person_id = t.person_id AND d.target_role = w.target_role AND \(raw: Self.sameOrLookBack)
                LEFT JOIN ea ON ea.enterprise_id = t.enterprise_id AND ea.ancestor = d.sector_code
                WHERE CASE WHEN w.kind = 'catch_up' THEN true
                           WHEN w.kind = 'sasac_batch' OR d.kind = 'sasac_batch' THEN w.kind = d.kind
                           ELSE ea.enterprise_id IS NOT NULL END
                GROUP BY 1, 2, 3
            ), td AS MATERIALIZED (
                SELECT t.wave_id, t.person_id, t.enterprise_id, t.region_code, t.start_date, t.end_date, t.active,
                       dm.completed_on, dm.person_id IS NOT NULL AS enrolled_any
                FROM t LEFT JOIN dm ON dm.wave_id = t.wave_id AND dm.person_id = t.person_id AND dm.enterprise_id = t.enterprise_id
            ), pc AS MATERIALIZED (
                SELECT wave_id, person_id, min(completed_on) AS completed_on FROM td GROUP BY 1, 2
            ), p AS MATERIALIZED (
                -- R-WAVE-6 on the as-of date: a candidate employment counts when it
                -- holds the role that day in an active enterprise, or when the
                -- person completed while holding it; leavers who had not
                -- completed drop out. A person counted is completed when any of
                -- their equivalent completions counts.
                SELECT td.wave_id, td.person_id, td.enterprise_id, td.region_code, pc.completed_on IS NOT NULL AS completed,
                       td.enrolled_any
                FROM td JOIN pc ON pc.wave_id = td.wave_id AND pc.person_id = td.person_id
                WHERE (td.start_date <= \(asOfText)::date AND (td.end_date IS NULL OR td.end_date >= \(asOfText)::date) AND td.active)
                   OR (td.completed_on IS NOT NULL AND td.completed_on >= td.start_date
                       AND (td.end_date IS NULL OR td.completed_on <= td.end_date))
            )
            """
    }

    /// The one definition of a wave's candidates (R-WAVE-1/6): an employment
    /// `em` holding the wave `w`'s target role at some time during its year.
    /// Both the coverage figures and an enterprise's own list use it, joined to
    /// enterprises of the wave's sector inside its jurisdiction; R-WAVE-6 then
    /// narrows the candidates to the as-of date.
    static let targetEmployment = """
        em.roles && w.target_roles
        AND em.start_date <= make_date(w.year, 12, 31) AND (em.end_date IS NULL OR em.end_date >= make_date(w.year, 1, 1))
        """

    /// Every role a wave may train (R-WAVE-1, R-WAVE-9), as a constant the
    /// employment scan can filter on before the join.
    static let trainedRoles = "ARRAY['principal', 'fire_safety_responsible', 'deputy_principal', 'safety_department_head']::text[]"

    /// The waves whose sessions count for a wave `w`: those of its year, and
    /// for a catch-up wave (R-WAVE-9) those of the action's earlier years too.
    static let sameOrLookBack = "(d.year = w.year OR (w.kind = 'catch_up' AND d.year BETWEEN w.year - 2 AND w.year))"

    /// Person-driven gathering pays off below the prefecture (a LIKE prefix of 6 or more).
    static func personDriven(_ regionPrefix: String) -> Bool { regionPrefix.count >= 6 }

    /// Counts per wave for the whole region (`region` nil) and per child
    /// division, the child being the first `childPrefixLength` characters of the
    /// enterprise's division code. People are counted once per wave (and once
    /// per child), whatever the number of their qualifying employments.
    public func coverage(regionPrefix: String, year: Int, asOf: CivilDate, wave: UUID?, sector: String?, childPrefixLength: Int) throws -> [CoverageRow] {
        try withHashJoins(regionPrefix) { try conn.query(
            """
            WITH \(Self.coverageTargets(regionPrefix: regionPrefix, year: year, asOf: asOf, wave: wave, sector: sector)), s AS (
                SELECT wave_id, left(region_code, \(childPrefixLength)) AS child, person_id, bool_or(completed) AS completed,
                       bool_or(enrolled_any) AS enrolled_any
                FROM p GROUP BY 1, 2, 3
            )
            SELECT wave_id::text AS wave_id, child AS region, count(*) AS target,
                   count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE enrolled_any AND NOT completed) AS enrolled
            FROM s GROUP BY 1, 2
            UNION ALL
            SELECT wave_id::text, NULL, count(*), count(*) FILTER (WHERE completed), count(*) FILTER (WHERE enrolled_any AND NOT completed)
            FROM (SELECT wave_id, person_id, bool_or(completed) AS completed, bool_or(enrolled_any) AS enrolled_any FROM s GROUP BY 1, 2) x
            GROUP BY 1
            """, prepared: false
        ).rows.map {
            CoverageRow(waveID: try $0.decode("wave_id"), region: try $0.decode("region"), target: try $0.decode("target"),
                        completed: try $0.decode("completed"), enrolled: try $0.decode("enrolled"))
        } }
    }

    /// People of the target populations who have not completed, one row per
    /// person and wave with their in-sector enterprises listed, and whether
    /// they are enrolled; `limit` nil for all (CSV export).
    public func missing(regionPrefix: String, year: Int, asOf: CivilDate, wave: UUID?, sector: String?, limit: Int?, offset: Int) throws -> [MissingRow] {
        try withHashJoins(regionPrefix) { try conn.query(
            """
            WITH \(Self.coverageTargets(regionPrefix: regionPrefix, year: year, asOf: asOf, wave: wave, sector: sector)), m AS (
                SELECT p.wave_id, p.person_id, min(p.region_code) AS region_code,
                       array_agg(DISTINCT e.name ORDER BY e.name) AS enterprise_names,
                       (array_agg(p.enterprise_id ORDER BY e.name, p.enterprise_id))[1] AS enterprise_id,
                       bool_or(p.enrolled_any) AS enrolled
                FROM p JOIN enterprises e ON e.id = p.enterprise_id
                GROUP BY 1, 2
                HAVING NOT bool_or(p.completed)
            )
            SELECT jsonb_build_object(
                'waveId', m.wave_id, 'waveTitle', (SELECT title FROM training_waves x WHERE x.id = m.wave_id),
                'personId', m.person_id, 'name', pe.name,
                'documentMasked', pe.document_number,
                'enterpriseId', m.enterprise_id, 'enterpriseName', array_to_string(m.enterprise_names, '、'),
                'regionCode', m.region_code,
                'status', CASE WHEN m.enrolled THEN 'enrolled' ELSE 'not_enrolled' END) AS doc
            FROM m JOIN people pe ON pe.id = m.person_id
            ORDER BY m.region_code, m.enterprise_names[1], pe.name, m.person_id, m.wave_id
            LIMIT \(limit) OFFSET \(offset)
            """, prepared: false
        ).rows.map { row in
            var person = try JSONColumn.decode(row, "doc", as: MissingRow.self)
            person.documentMasked = IdentityDocument.mask(person.documentMasked)  // the one rule, applied here
            return person
        } }
    }

    /// At province scale the candidates' CTE is estimated at a few dozen rows
    /// (array-overlap and date join filters get default selectivities) while it
    /// holds a hundred thousand; the planner then nests loops over CTE scans and
    /// a query takes minutes. Below the prefecture the person-driven plan wants
    /// its index nested loops, so only the scan plan runs with nested loops off,
    /// for this statement only.
    func withHashJoins<T>(_ regionPrefix: String, _ body: () throws -> T) throws -> T {
        guard !Self.personDriven(regionPrefix) else { return try body() }
        try conn.execute("SET enable_nestloop = off")
        defer { try? conn.execute("RESET enable_nestloop") }
        return try body()
    }

    /// The target population of one enterprise for the year's waves.
    public func targets(enterprise: UUID, year: Int) throws -> [(waveID: String, personID: String, name: String)] {
        try conn.query(
            """
            SELECT DISTINCT w.id::text AS wave_id, p.id::text AS person_id, p.name
            FROM training_waves w
            JOIN enterprises e ON e.id = \(enterprise) AND e.region_code LIKE w.jurisdiction_prefix || '%'
            JOIN employments em ON em.enterprise_id = e.id AND \(raw: Self.targetEmployment)
            JOIN people p ON p.id = em.person_id
            WHERE w.year = \(year)
              AND CASE WHEN w.kind = 'sasac_batch' THEN e.key_enterprise AND e.ownership = ANY (w.owners)
                       ELSE EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sector_ancestry sa ON sa.code = es.sector_code
                                    WHERE es.enterprise_id = e.id AND sa.ancestor = w.sector_code) END
            ORDER BY 3, 2, 1
            """, prepared: false
        ).rows.map { (try $0.decode("wave_id"), try $0.decode("person_id"), try $0.decode("name")) }
    }
}
