import AnpeiDomain
import Foundation

extension ImportRepository {

    public func importRegions(_ rows: [StagedRegion], actor: AuditActor, progress: (Int) -> Void) throws -> ImportCounts {
        try beginRegions()
        try stageRegions(rows, progress: progress)
        return try finishRegions(actor: actor)
    }

    public func beginRegions() throws {
        try conn.execute("CREATE TEMP TABLE import_regions (row_no int, code text, name text, parent_code text) ON COMMIT DROP")
    }

    public func stageRegions(_ rows: [StagedRegion], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_regions FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.code), Self.field(r.name), Self.field(r.parentCode)].joined(separator: "\t")
        }
    }

    /// Inserts parents first (province, prefecture, county, township: a parent's
    /// code sorts before its children's at the same length), so each finds its parent.
    public func finishRegions(actor: AuditActor) throws -> ImportCounts {
        let row = try conn.query(
            """
            WITH plan AS (
                SELECT s.*, r.code IS NOT NULL AS exists,
                       r.code IS NOT NULL AND (r.name, r.parent_code) IS DISTINCT FROM (s.name, s.parent_code) AS changed
                FROM import_regions s LEFT JOIN regions r ON r.code = s.code
            ), ins AS (
                INSERT INTO regions (code, name, parent_code)
                SELECT code, name, parent_code FROM plan WHERE NOT exists ORDER BY length(code), code
                RETURNING code
            ), upd AS (
                UPDATE regions r SET name = p.name, parent_code = p.parent_code FROM plan p WHERE p.changed AND r.code = p.code
                RETURNING r.code
            ), audited AS (
                \(AuditRepository.rows(by: actor, from: """
                    SELECT 'region.updated', 'region', code, jsonb_build_object('source', 'import') FROM upd
                    """))
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS c, (SELECT count(*) FROM upd) AS u, (SELECT count(*) FROM plan) AS t,
                   (SELECT count(*) FROM audited) AS a
            """
        ).one()
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("t") - counts.created - counts.updated
        return counts
    }
}
