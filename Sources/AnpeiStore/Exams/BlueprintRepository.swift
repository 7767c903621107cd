import AnpeiDomain
import Foundation

public struct BlueprintRow: Sendable {
    public var blueprint: Blueprint
    public var institutionID: UUID?
    public var updatedAt: Date
}

/// SQL for blueprints: the domain's `Blueprint` kept as JSON beside the
/// columns that queries and foreign keys need.
public struct BlueprintRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static func row(_ r: PGRow) throws -> BlueprintRow {
        BlueprintRow(blueprint: try JSONColumn.decode(r, "spec", as: Blueprint.self), institutionID: try r.decode("institution_id"),
                     updatedAt: try r.decode("updated_at"))
    }

    public func find(id: String) throws -> BlueprintRow? {
        try conn.query("SELECT spec, institution_id, updated_at FROM blueprints WHERE id = \(id)").first.map(Self.row)
    }

    public func list(institutionID: UUID?, all: Bool) throws -> [BlueprintRow] {
        let visible: SQL = all ? "TRUE" : institutionID.map { "(institution_id IS NULL OR institution_id = \($0))" } ?? "institution_id IS NULL"
        return try conn.query("SELECT spec, institution_id, updated_at FROM blueprints WHERE \(visible) ORDER BY id").rows.map(Self.row)
    }

    /// Inserts or replaces; returns false when the stored blueprint was the same.
    public func upsert(_ b: Blueprint, institutionID: UUID?) throws -> Bool {
        let spec = try PGJSON(encoding: b)
        let rows = try conn.query("""
            INSERT INTO blueprints (id, title, kind, bank_id, spec, institution_id)
            VALUES (\(b.id), \(b.title), \(b.kind.rawValue), \(b.bank), \(spec), \(institutionID))
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind, bank_id = excluded.bank_id,
                spec = excluded.spec, updated_at = now()
            WHERE blueprints.spec IS DISTINCT FROM excluded.spec
            RETURNING id
            """)
        return rows.count > 0
    }
}
