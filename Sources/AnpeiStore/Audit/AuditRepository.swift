import Crypto
import Foundation

/// One entry to append to the audit log.
public struct AuditEntry: Sendable {
    public var actorID: UUID?
    public var actorName: String
    public var action: String
    public var entityType: String
    public var entityID: String?
    public var requestID: String?
    /// The change as JSON text (an object).
    public var change: PGJSON

    public init(
        actorID: UUID?, actorName: String, action: String, entityType: String,
        entityID: String?, requestID: String?, change: PGJSON
    ) {
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.requestID = requestID
        self.change = change
    }
}

/// Appends to and verifies the hash-chained audit log.
public struct AuditRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// Appends one row; the database trigger assigns id, time and hashes.
    @discardableResult
    public func append(_ entry: AuditEntry) throws -> Int64 {
        try conn.query(
            """
            INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
            VALUES (\(entry.actorID), \(entry.actorName), \(entry.action), \(entry.entityType), \(entry.entityID), \(entry.requestID), \(entry.change)::jsonb) RETURNING id
            """
        ).one().decode("id")
    }

    /// Set-based appends (imports): one audit row per row of `select`, which
    /// yields (action, entity_type, entity_id, change), all by `actor`. A
    /// statement of its own or the body of a data-modifying CTE.
    public static func rows(by actor: AuditActor, from select: SQL) -> SQL {
        """
        INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
        SELECT \(actor.id), \(actor.name), a.action, a.entity_type, a.entity_id, \(actor.requestID), a.change
        FROM (\(select)) AS a(action, entity_type, entity_id, change)
        """
    }

    public struct Verification: Sendable, Equatable {
        public var rowsChecked: Int
        /// The first row whose stored hashes do not match the recomputation.
        public var firstBadRow: Int64?
        public var reason: String?
        /// The last row checked and its hash (the chain's tail when intact).
        public var lastRow: Int64 = 0
        public var lastHash: [UInt8] = []
        /// The hash recomputed for the row asked about (`at:`), if reached.
        public var hashAtCheckpoint: [UInt8]?

        public init(rowsChecked: Int, firstBadRow: Int64?, reason: String?) {
            self.rowsChecked = rowsChecked
            self.firstBadRow = firstBadRow
            self.reason = reason
        }

        /// The verdict (the tail's hash is a by-product for anchors).
        public static func == (a: Verification, b: Verification) -> Bool {
            a.rowsChecked == b.rowsChecked && a.firstBadRow == b.firstBadRow && a.reason == b.reason
        }
    }

    /// Recomputes the chain in Swift from each row's content, reading in id
    /// order in batches, and stops at the first row that does not match.
    public func verify(batchSize: Int = 5000, checkpoint: Int64? = nil, progress: (Int) -> Void = { _ in }) throws -> Verification {
        var previous = [UInt8](repeating: 0, count: 32)
        var lastID: Int64 = 0
        var checked = 0
        var atCheckpoint: [UInt8]?
        while true {
            let rows = try conn.query(
                """
                SELECT id,
                       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
                       actor_id::text AS actor_id, actor_name, action, entity_type, entity_id,
                       request_id, change::text AS change, prev_hash, hash
                FROM audit_log WHERE id > \(lastID) ORDER BY id LIMIT \(batchSize)
                """
            ).rows
            if rows.isEmpty { break }
            for row in rows {
                let id: Int64 = try row.decode("id")
                let fields: [String] = [
                    String(id), try row.decode("at_text"), try row.decode("actor_id") ?? "",
                    try row.decode("actor_name"), try row.decode("action"), try row.decode("entity_type"),
                    try row.decode("entity_id") ?? "", try row.decode("request_id") ?? "",
                    try row.decode("change"),
                ]
                let content = fields.joined(separator: "\u{1F}")
                let storedPrev: PGBytes = try row.decode("prev_hash")
                let stored: PGBytes = try row.decode("hash")
                if id != lastID + 1 {
                    return Verification(rowsChecked: checked, firstBadRow: id, reason: "gap: expected id \(lastID + 1)")
                }
                if storedPrev.bytes != previous {
                    return Verification(rowsChecked: checked, firstBadRow: id, reason: "prev_hash does not match the previous row")
                }
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(data: Data(content.utf8))
                let computed = Array(hasher.finalize())
                if computed != stored.bytes {
                    return Verification(rowsChecked: checked, firstBadRow: id, reason: "content does not match its hash")
                }
                previous = computed
                lastID = id
                checked += 1
                if id == checkpoint { atCheckpoint = computed }
            }
            progress(checked)
        }
        var result = Verification(rowsChecked: checked, firstBadRow: nil, reason: nil)
        result.lastRow = lastID
        result.lastHash = previous
        result.hashAtCheckpoint = atCheckpoint
        return result
    }
}
