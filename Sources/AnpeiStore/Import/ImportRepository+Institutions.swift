import AnpeiDomain
import Foundation

extension ImportRepository {

    public func importInstitutions(_ rows: [StagedInstitution], actor: AuditActor, today: String, progress: (Int) -> Void) throws -> ImportCounts {
        try beginInstitutions()
        try stageInstitutions(rows, progress: progress)
        return try finishInstitutions(actor: actor, today: today)
    }

    public func beginInstitutions() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_institutions (
                row_no int, credit_code text, name text, region_code text, training_kinds text[],
                special_op_categories text[], status text, rectify_deadline date, status_effective date) ON COMMIT DROP
            """)
    }

    public func stageInstitutions(_ rows: [StagedInstitution], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_institutions FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.creditCode), Self.field(r.name), Self.field(r.regionCode), Self.array(r.trainingKinds),
             Self.array(r.specialOpCategories), Self.field(r.status), Self.field(r.rectifyDeadline),
             Self.field(r.statusEffective)].joined(separator: "\t")
        }
    }

    public func finishInstitutions(actor: AuditActor, today: String) throws -> ImportCounts {
        try conn.execute("""
            CREATE TEMP TABLE import_institution_plan ON COMMIT DROP AS
            SELECT s.*, i.id AS existing_id,
                   CASE WHEN i.id IS NULL THEN 'create'
                        WHEN (i.name, i.region_code, i.training_kinds, i.special_op_categories, i.status, i.rectify_deadline)
                             IS DISTINCT FROM (s.name, s.region_code, s.training_kinds, s.special_op_categories, s.status, s.rectify_deadline)
                          OR (s.status_effective IS NOT NULL AND NOT EXISTS (SELECT 1 FROM institution_status_history h
                              WHERE h.institution_id = i.id AND h.status = s.status AND h.effective_date = s.status_effective))
                        THEN 'update' ELSE 'same' END AS action,
                   i.status IS DISTINCT FROM s.status OR i.rectify_deadline IS DISTINCT FROM s.rectify_deadline
                       OR (s.status_effective IS NOT NULL AND NOT EXISTS (SELECT 1 FROM institution_status_history h
                           WHERE h.institution_id = i.id AND h.status = s.status AND h.effective_date = s.status_effective)) AS status_changed
            FROM import_institutions s LEFT JOIN institutions i ON i.credit_code = s.credit_code
            """)
        try conn.query(
            """
            INSERT INTO institutions (credit_code, name, region_code, training_kinds, special_op_categories, status, rectify_deadline)
            SELECT credit_code, name, region_code, training_kinds, special_op_categories, status, rectify_deadline
            FROM import_institution_plan WHERE action = 'create'
            """)
        try conn.query(
            """
            UPDATE institutions i SET name = s.name, region_code = s.region_code, training_kinds = s.training_kinds,
                   special_op_categories = s.special_op_categories, status = s.status, rectify_deadline = s.rectify_deadline,
                   updated_at = now()
            FROM import_institution_plan s WHERE s.action = 'update' AND i.id = s.existing_id
            """)
        try conn.query(
            """
            INSERT INTO institution_status_history (institution_id, status, rectify_deadline, effective_date, note)
            SELECT i.id, s.status, s.rectify_deadline, coalesce(s.status_effective, \(today)::date), '批量导入'
            FROM import_institution_plan s JOIN institutions i ON i.credit_code = s.credit_code
            WHERE s.action = 'create' OR (s.action = 'update' AND s.status_changed)
            """)
        try conn.query(
            AuditRepository.rows(by: actor, from: """
                SELECT 'institution.' || CASE s.action WHEN 'create' THEN 'created' ELSE 'updated' END, 'institution', i.id::text, jsonb_build_object('source', 'import', 'status', s.status)
                FROM import_institution_plan s JOIN institutions i ON i.credit_code = s.credit_code
                WHERE s.action <> 'same' ORDER BY s.action, i.id
                """))
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_institution_plan
            """).one()
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("s")
        return counts
    }

    /// Enterprises by credit code: id, region, mining (for people files).
    public func enterprisesByCreditCode(_ codes: [String]) throws -> [String: (id: UUID, regionCode: String, mining: Bool)] {
        var out: [String: (UUID, String, Bool)] = [:]
        for row in try conn.query(
            """
            SELECT e.id, e.credit_code, e.region_code,
                   EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                           WHERE es.enterprise_id = e.id AND s.mining) AS mining
            FROM enterprises e WHERE e.credit_code = ANY (\(PGArray(codes))::text[])
            """
        ).rows {
            out[try row.decode("credit_code")] = (try row.decode("id"), try row.decode("region_code"), try row.decode("mining"))
        }
        return out
    }

    /// Division codes that exist, of those given.
    public func knownRegions(_ codes: [String]) throws -> Set<String> {
        Set(try conn.query("SELECT code FROM regions WHERE code = ANY (\(PGArray(codes))::text[])")
            .rows.map { try $0.decode("code", as: String.self) })
    }
}

extension ImportRepository {
    /// Institutions whose status the finished import changed (same transaction).
    public func institutionsWithStatusChange() throws -> [UUID] {
        try conn.query("""
            SELECT i.id FROM import_institution_plan s JOIN institutions i ON i.credit_code = s.credit_code
            WHERE s.action = 'create' OR (s.action = 'update' AND s.status_changed)
            """).rows.map { try $0.decode("id") }
    }
}
