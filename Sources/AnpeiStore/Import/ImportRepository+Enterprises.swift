import AnpeiDomain
import Foundation

extension ImportRepository {

    public func importEnterprises(_ rows: [StagedEnterprise], actor: AuditActor, progress: (Int) -> Void) throws -> ImportCounts {
        try beginEnterprises()
        try stageEnterprises(rows, progress: progress)
        return try finishEnterprises(actor: actor)
    }

    public func beginEnterprises() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_enterprises (
                row_no int, credit_code text, name text, region_code text, sectors text[], key_enterprise boolean,
                high_risk_override boolean, high_risk_override_reason text, status text, areas text[], ownership text) ON COMMIT DROP
            """)
    }

    public func stageEnterprises(_ rows: [StagedEnterprise], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_enterprises FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.creditCode), Self.field(r.name), Self.field(r.regionCode), Self.array(r.sectors),
             r.keyEnterprise ? "t" : "f", r.highRiskOverride.map { $0 ? "t" : "f" } ?? "\\N", Self.field(r.highRiskOverrideReason),
             Self.field(r.status), Self.array(r.areas), Self.field(r.ownership)].joined(separator: "\t")
        }
    }

    public func finishEnterprises(actor: AuditActor) throws -> ImportCounts {
        // Which rows are new, changed or the same, before touching anything.
        try conn.execute("""
            CREATE TEMP TABLE import_enterprise_plan ON COMMIT DROP AS
            SELECT s.*, e.id AS existing_id,
                   CASE WHEN e.id IS NULL THEN 'create'
                        WHEN (e.name, e.region_code, e.key_enterprise, e.high_risk_override, e.high_risk_override_reason, e.status, e.ownership)
                             IS DISTINCT FROM (s.name, s.region_code, s.key_enterprise, s.high_risk_override, s.high_risk_override_reason, s.status,
                                               s.ownership)
                          OR ARRAY(SELECT sector_code FROM enterprise_sectors WHERE enterprise_id = e.id ORDER BY 1) IS DISTINCT FROM s.sectors
                          OR ARRAY(SELECT kind || ':' || name FROM enterprise_areas WHERE enterprise_id = e.id ORDER BY 1) IS DISTINCT FROM s.areas
                        THEN 'update' ELSE 'same' END AS action
            FROM import_enterprises s LEFT JOIN enterprises e ON e.credit_code = s.credit_code
            """)
        try conn.execute("""
            INSERT INTO enterprises (credit_code, name, region_code, key_enterprise, high_risk_override, high_risk_override_reason, status, ownership)
            SELECT credit_code, name, region_code, key_enterprise, high_risk_override, high_risk_override_reason, status, ownership
            FROM import_enterprise_plan WHERE action = 'create';
            UPDATE enterprises e SET name = s.name, region_code = s.region_code, key_enterprise = s.key_enterprise,
                   high_risk_override = s.high_risk_override, high_risk_override_reason = s.high_risk_override_reason,
                   status = s.status, ownership = s.ownership, updated_at = now()
            FROM import_enterprise_plan s WHERE s.action = 'update' AND e.id = s.existing_id;
            CREATE TEMP TABLE import_enterprise_ids ON COMMIT DROP AS
            SELECT e.id, s.sectors, s.areas, s.action FROM import_enterprise_plan s JOIN enterprises e ON e.credit_code = s.credit_code
            WHERE s.action <> 'same';
            DELETE FROM enterprise_sectors WHERE enterprise_id IN (SELECT id FROM import_enterprise_ids);
            INSERT INTO enterprise_sectors (enterprise_id, sector_code) SELECT id, unnest(sectors) FROM import_enterprise_ids;
            DELETE FROM enterprise_areas a USING import_enterprise_ids i
             WHERE a.enterprise_id = i.id AND NOT (a.kind || ':' || a.name = ANY (i.areas));
            INSERT INTO enterprise_areas (enterprise_id, kind, name)
            SELECT id, split_part(x, ':', 1), substr(x, length(split_part(x, ':', 1)) + 2)
            FROM import_enterprise_ids, unnest(areas) AS x
            ON CONFLICT (enterprise_id, kind, name) DO NOTHING;
            """)
        try conn.query(
            AuditRepository.rows(by: actor, from: """
                SELECT 'enterprise.' || CASE action WHEN 'create' THEN 'created' ELSE 'updated' END, 'enterprise', id::text, jsonb_build_object('source', 'import')
                FROM import_enterprise_ids ORDER BY action, id
                """))
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_enterprise_plan
            """).one()
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("s")
        return counts
    }
}
