import AnpeiDomain
import Crypto
import Foundation

/// Loads the national division codes (db/reference/divisions) into `regions`:
/// new codes inserted, names and parents of known codes updated in place, and
/// national codes a newer edition no longer lists marked withdrawn — never
/// deleted, since enterprises, users and waves refer to them. An edition
/// already loaded (same files, same SHA-256) is skipped, so `db migrate` can
/// run it every time.
public struct DivisionLoader: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var digest: String
        /// False when this edition was already loaded.
        public var loaded: Bool
        public var codes = 0
        public var inserted = 0
        public var updated = 0
        public var withdrawn = 0

        public init(digest: String, loaded: Bool) {
            self.digest = digest
            self.loaded = loaded
        }
    }

    public static let files = ["provinces.csv", "cities.csv", "areas.csv", "streets.csv"]

    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// db/reference/divisions beside a migrations directory.
    public static func directory(besideMigrations migrations: URL) -> URL {
        migrations.deletingLastPathComponent().appendingPathComponent("reference/divisions")
    }

    /// `actor` nil writes no audit row: only for building the test template,
    /// whose audit log the audit tests expect empty.
    public func load(directory: URL, actor: AuditActor?) throws -> Outcome {
        var texts: [String: String] = [:]
        var hasher = SHA256()
        for file in Self.files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            hasher.update(data: Data(file.utf8))
            hasher.update(data: data)
            texts[file] = String(decoding: data, as: UTF8.self)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        if let current: String = try conn.query("SELECT digest FROM reference_editions WHERE name = 'divisions'").first?.decode("digest"),
           current == digest {
            return Outcome(digest: digest, loaded: false)
        }
        let edition = try DivisionEdition(files: texts)
        return try PGPool.runTransaction(conn, isolation: .readCommitted) { _ in
            try load(edition, digest: digest, actor: actor)
        }
    }

    func load(_ edition: DivisionEdition, digest: String, actor: AuditActor?) throws -> Outcome {
        var outcome = Outcome(digest: digest, loaded: true)
        outcome.codes = edition.divisions.count
        try conn.execute("""
            CREATE TEMP TABLE division_edition (code text PRIMARY KEY, name text NOT NULL, parent_code text,
                                                existed boolean NOT NULL DEFAULT false) ON COMMIT DROP
            """)
        try conn.copyIn("COPY division_edition (code, name, parent_code) FROM STDIN") { write in
            var chunk = ""
            for d in edition.divisions {
                chunk += d.code + "\t" + Self.copyField(d.name) + "\t" + (d.parentCode ?? "\\N") + "\n"
                if chunk.utf8.count > 1 << 16 { try write(chunk); chunk = "" }
            }
            if !chunk.isEmpty { try write(chunk) }
        }
        try conn.execute("UPDATE division_edition d SET existed = EXISTS (SELECT 1 FROM regions r WHERE r.code = d.code)")
        // New codes first without parents (a parent may itself be new), then
        // every code's name and parent as the edition states them.
        outcome.inserted = try conn.query("""
            INSERT INTO regions (code, name, parent_code, national) SELECT code, name, NULL, true FROM division_edition
            WHERE NOT existed ON CONFLICT (code) DO NOTHING
            """).commandTuples
        outcome.updated = try conn.query("""
            WITH changed AS (
                UPDATE regions r SET name = d.name, parent_code = d.parent_code, national = true, withdrawn = false
                FROM division_edition d
                WHERE r.code = d.code
                  AND (r.name, r.parent_code, r.national, r.withdrawn) IS DISTINCT FROM (d.name, d.parent_code, true, false)
                RETURNING d.existed
            )
            SELECT count(*) FILTER (WHERE existed) AS n FROM changed
            """).one().decode("n")
        outcome.withdrawn = try conn.query("""
            UPDATE regions SET withdrawn = true
            WHERE national AND NOT withdrawn AND NOT EXISTS (SELECT 1 FROM division_edition d WHERE d.code = regions.code)
            """).commandTuples
        try conn.query("""
            INSERT INTO reference_editions (name, digest, rows) VALUES ('divisions', \(digest), \(outcome.codes))
            ON CONFLICT (name) DO UPDATE SET digest = excluded.digest, rows = excluded.rows, loaded_at = now()
            """)
        guard let actor else { return outcome }
        try AuditRepository(conn).append(AuditEntry(
            actorID: actor.id, actorName: actor.name, action: "reference.divisions_loaded", entityType: "reference",
            entityID: "divisions", requestID: actor.requestID,
            change: try PGJSON(encoding: [
                "digest": digest, "codes": "\(outcome.codes)", "inserted": "\(outcome.inserted)",
                "updated": "\(outcome.updated)", "withdrawn": "\(outcome.withdrawn)",
            ])))
        return outcome
    }

    /// COPY text format: backslash, tab and line breaks escaped.
    static func copyField(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }
}
