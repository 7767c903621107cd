import AnpeiDomain
import Foundation

/// Item statistics of one question version over all submitted online attempts of a bank version.
public struct ItemStatsRow: Sendable {
    public var uid: Int64
    public var questionID: String
    public var answered: Int
    public var p: Double
    public var d: Double?
    public var pointBiserial: Double?
    public var options: [String: Int]
}

public struct FraudRow: Sendable {
    public var kind: String
    public var clientAddress: String?
    public var candidates: Int
    public var attemptIDs: [UUID]
    public var from: Date
    public var to: Date
}

/// The statistics of "Exams (general)" in SQL, over every attempt of a bank
/// version (the Swift `ItemAnalysis` is the reference; a test compares them).
/// Scores are fractions of each item's points; totals are sums of fractions;
/// people are ranked by total, ties by the order they started.
public struct ExamStatsRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let base = """
        WITH a AS (SELECT id, started_at FROM exam_attempts
                   WHERE bank_id = $1 AND bank_version = $2 AND submitted_at IS NOT NULL AND mode = 'online'),
        s AS (SELECT x.attempt_id, a.started_at, x.question_uid, (x.score / x.points)::float8 AS s, x.response
              FROM attempt_answers x JOIN a ON a.id = x.attempt_id),
        t AS (SELECT *, sum(s) OVER (PARTITION BY attempt_id) AS total FROM s)
        """

    public func items(bankID: String, version: Int) throws -> [ItemStatsRow] {
        let rows = try conn.query(Self.base + """
            , r AS (SELECT *, row_number() OVER (PARTITION BY question_uid ORDER BY total DESC, started_at, attempt_id) AS rk,
                           count(*) OVER (PARTITION BY question_uid) AS n FROM t),
            g AS (SELECT question_uid, count(*)::int AS answered, avg(s) AS p,
                         avg(s) FILTER (WHERE rk <= greatest(1, round(0.27 * n))) -
                         avg(s) FILTER (WHERE rk > n - greatest(1, round(0.27 * n))) AS d,
                         corr(s, total - s) AS rpb FROM r GROUP BY question_uid),
            o AS (SELECT question_uid, jsonb_object_agg(choice, c) AS options FROM (
                    SELECT question_uid, choice, count(*)::int AS c FROM t
                    CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(response) AS choice WHERE jsonb_typeof(response) = 'array'
                                        UNION ALL SELECT response::text WHERE jsonb_typeof(response) = 'boolean'
                                        UNION ALL SELECT '-' WHERE response IS NULL) ch
                    GROUP BY question_uid, choice) z GROUP BY question_uid)
            SELECT g.*, q.question_id, coalesce(o.options, '{}'::jsonb) AS options
            FROM g JOIN questions q ON q.uid = g.question_uid LEFT JOIN o USING (question_uid) ORDER BY q.question_id
            """, [bankID, version])
        return try rows.rows.map {
            ItemStatsRow(uid: try $0.decode("question_uid"), questionID: try $0.decode("question_id"), answered: try $0.decode("answered"),
                         p: try $0.decode("p"), d: try $0.decode("d"), pointBiserial: try $0.decode("rpb"),
                         options: try JSONColumn.decode($0, "options", as: [String: Int].self))
        }
    }

    /// KR-20 / α. Papers are drawn from the bank, so each holds k of its K
    /// items: the item variances are scaled by k/K (with one fixed paper, k =
    /// K and this is the textbook KR-20).
    public func alpha(bankID: String, version: Int) throws -> (alpha: Double?, attempts: Int) {
        let row = try conn.query(Self.base + """
            , per AS (SELECT attempt_id, max(total) AS total, count(*) AS k FROM t GROUP BY attempt_id),
            iv AS (SELECT question_uid, var_pop(s) AS v FROM t GROUP BY question_uid)
            SELECT (SELECT count(*) FROM per)::int AS attempts, (SELECT avg(k) FROM per)::float8 AS k,
                   (SELECT count(*) FROM iv)::float8 AS kk, (SELECT sum(v) FROM iv)::float8 AS sv,
                   (SELECT var_pop(total) FROM per)::float8 AS vt
            """, [bankID, version]).one()
        let attempts: Int = try row.decode("attempts")
        guard let k: Double = try row.decode("k"), let kk: Double = try row.decode("kk"), let sv: Double = try row.decode("sv"),
              let vt: Double = try row.decode("vt"), k > 1, vt > 0, kk > 0 else { return (nil, attempts) }
        return (k / (k - 1) * (1 - (k / kk) * sv / vt), attempts)
    }

    /// Anti-fraud: many candidates answering from one address within a window
    /// (proctored rooms, which share an address by design, are left out), and
    /// attempts finished implausibly fast.
    public func fraud(from: Date, to: Date, thresholds: AttemptRules.FraudThresholds, scope: SQL) throws -> [FraudRow] {
        let shared = try conn.query("""
            SELECT a.client_address, count(DISTINCT b.person_id)::int AS candidates, array_agg(DISTINCT b.id) AS ids,
                   min(b.started_at) AS first, max(b.started_at) AS last
            FROM exam_attempts a JOIN exam_attempts b ON b.client_address = a.client_address AND b.key_hash IS NULL
                 AND b.started_at >= a.started_at AND b.started_at < a.started_at + make_interval(mins => \(thresholds.windowMinutes))
            WHERE a.mode = 'online' AND a.key_hash IS NULL AND a.client_address IS NOT NULL
              AND a.started_at >= \(from) AND a.started_at < \(to) AND \(scope)
            GROUP BY a.id, a.client_address HAVING count(DISTINCT b.person_id) >= \(thresholds.sharedAddressCandidates)
            """)
        var best: [String: FraudRow] = [:]
        for r in shared.rows {
            let row = FraudRow(kind: "shared_address", clientAddress: try r.decode("client_address"), candidates: try r.decode("candidates"),
                               attemptIDs: try r.decode("ids"), from: try r.decode("first"), to: try r.decode("last"))
            if (best[row.clientAddress ?? ""]?.candidates ?? 0) < row.candidates { best[row.clientAddress ?? ""] = row }
        }
        let fast = try conn.query("""
            SELECT a.id, a.client_address, a.started_at, a.submitted_at FROM exam_attempts a
            WHERE a.mode = 'online' AND a.submitted_at IS NOT NULL AND NOT a.auto_submitted
              AND a.started_at >= \(from) AND a.started_at < \(to) AND \(scope)
              AND extract(epoch FROM a.submitted_at - a.started_at) < \(thresholds.minSecondsPerQuestion)::float8 * jsonb_array_length(a.paper)
            ORDER BY a.started_at
            """).map {
            FraudRow(kind: "too_fast", clientAddress: try $0.decode("client_address"), candidates: 1, attemptIDs: [try $0.decode("id")],
                     from: try $0.decode("started_at"), to: try $0.decode("submitted_at"))
        }
        return best.values.sorted { $0.from < $1.from } + fast
    }
}
