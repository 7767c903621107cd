import AnpeiDomain
import Foundation

/// One answer line of an attempt.
public struct AnswerRow: Sendable {
    public var position: Int
    public var questionUID: Int64
    public var points: Double
    public var response: PGJSON?
    public var score: Double?

    public init(position: Int, questionUID: Int64, points: Double, response: PGJSON? = nil, score: Double? = nil) {
        self.position = position
        self.questionUID = questionUID
        self.points = points
        self.response = response
        self.score = score
    }
}

/// SQL for attempts and their answers. Visibility: the candidate's people
/// scope (regulators, enterprises, the worker themself), or the institution
/// that proctored the attempt.
public struct AttemptRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    func visible(_ scope: ScopeFilter) -> SQL {
        if let institutionID = scope.institutionID { return "a.institution_id = \(institutionID)" }
        return scope.visible(.person(id: "a.person_id"))
    }

    public func find(id: UUID, scope: ScopeFilter, forUpdate: Bool = false) throws -> AttemptRow? {
        try conn.query("""
            SELECT \(raw: AttemptRow.columns) WHERE a.id = \(id) AND \(visible(scope)) \(raw: forUpdate ? "FOR UPDATE OF a" : "")
            """).first.map(AttemptRow.init)
    }

    public func list(personID: UUID?, purpose: String?, subjectID: UUID?, scope: ScopeFilter, limit: Int, offset: Int) throws -> [AttemptRow] {
        var conditions: [SQL] = [visible(scope)]
        if let personID { conditions.append("a.person_id = \(personID)") }
        if let purpose { conditions.append("a.purpose = \(purpose)") }
        if let subjectID { conditions.append("a.subject_id = \(subjectID)") }
        return try conn.query("""
            SELECT \(raw: AttemptRow.columns) WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY a.started_at DESC, a.id LIMIT \(limit) OFFSET \(offset)
            """).rows.map(AttemptRow.init)
    }

    /// Earlier attempts at the same exam, oldest first, locked so two starts cannot both pass the retake check.
    public func earlier(personID: UUID, blueprintID: String, purpose: String, subjectID: UUID?, since: CivilDate? = nil,
                        startedAfter: Date? = nil) throws -> [AttemptRules.Earlier] {
        var after: SQL = since.map { "AND exam_date > \($0.description)::date" } ?? ""
        if let startedAfter { after = "\(after) AND started_at > \(startedAfter)" }
        return try conn.query("""
            SELECT submitted_at IS NOT NULL AS submitted, coalesce(passed, false) AS passed FROM exam_attempts
            WHERE person_id = \(personID) AND blueprint_id = \(blueprintID) AND purpose = \(purpose)
              AND subject_id IS NOT DISTINCT FROM \(subjectID)::uuid \(after)
            ORDER BY started_at FOR UPDATE
            """).map { AttemptRules.Earlier(submitted: try $0.decode("submitted"), passed: try $0.decode("passed")) }
    }

    public func insert(_ a: NewAttempt) throws -> UUID {
        let paper = try a.paper.map { try PGJSON(encoding: $0) }
        let basis = try a.usageBasis.map { try PGJSON(encoding: Dictionary(uniqueKeysWithValues: $0.map { (String($0.key), $0.value) })) }
        let id: UUID = try conn.query("""
            INSERT INTO exam_attempts (person_id, blueprint_id, bank_id, bank_version, purpose, subject_id, attempt_number, mode,
                blueprint, seed, usage_basis, paper, started_at, deadline, exam_date, max_score, client_address, user_agent,
                started_by, institution_id, key_hash)
            VALUES (\(a.personID), \(a.blueprint.id), \(a.blueprint.bank), \(a.bankVersion), \(a.purpose), \(a.subjectID),
                \(a.attemptNumber), \(a.mode), \(try PGJSON(encoding: a.blueprint)), \(a.seed), \(basis), \(paper), \(a.startedAt),
                \(a.deadline), \(a.examDate.description)::date, \(a.blueprint.totalPoints), \(a.clientAddress), \(a.userAgent), \(a.startedBy),
                \(a.institutionID), \(a.keyHash))
            RETURNING id
            """).one().decode("id")
        if let items = a.paper {
            try conn.query("""
                INSERT INTO attempt_answers (attempt_id, position, question_uid, points)
                SELECT \(id), ord::int, uid, pts FROM unnest(\(PGArray(items.map(\.uid)))::bigint[], \(PGArray(items.map(\.points)))::numeric[])
                    WITH ORDINALITY AS t(uid, pts, ord)
                """)
        }
        return id
    }

    public func answers(attemptID: UUID) throws -> [AnswerRow] {
        try conn.query("""
            SELECT position, question_uid, points::float8 AS points, response, score::float8 AS score
            FROM attempt_answers WHERE attempt_id = \(attemptID) ORDER BY position
            """).map {
            AnswerRow(position: try $0.decode("position"), questionUID: try $0.decode("question_uid"), points: try $0.decode("points"),
                      response: try $0.decode("response"), score: try $0.decode("score"))
        }
    }

    public func saveAnswers(attemptID: UUID, _ responses: [(position: Int, response: PGJSON?)], at time: Date) throws -> Int {
        guard !responses.isEmpty else { return 0 }
        return try conn.query("""
            UPDATE attempt_answers x SET response = t.response, answered_at = \(time)
            FROM unnest(\(PGArray(responses.map(\.position)))::int[], \(PGArray(responses.map { $0.response?.json }))::jsonb[]) AS t(position, response)
            WHERE x.attempt_id = \(attemptID) AND x.position = t.position
            RETURNING x.position
            """).rows.count
    }

    public func submit(attemptID: UUID, scores: [Double], total: Double, passed: Bool, at time: Date, auto: Bool) throws {
        if !scores.isEmpty {
            try conn.query("""
                UPDATE attempt_answers x SET score = t.score
                FROM unnest(\(PGArray(scores))::numeric[]) WITH ORDINALITY AS t(score, position)
                WHERE x.attempt_id = \(attemptID) AND x.position = t.position
                """)
        }
        try conn.query("""
            UPDATE exam_attempts SET submitted_at = \(time), auto_submitted = \(auto), score = \(total), passed = \(passed)
            WHERE id = \(attemptID)
            """)
    }

    /// Open attempts past their deadline, for the automatic submission.
    public func expired(at time: Date, limit: Int) throws -> [UUID] {
        try conn.query("""
            SELECT id FROM exam_attempts WHERE submitted_at IS NULL AND deadline < \(time) ORDER BY deadline LIMIT \(limit)
            """).map { try $0.decode("id") }
    }

    /// Passed results for a subject (a certificate, a session, a case), newest first.
    public func passed(purpose: String, subjectID: UUID, personID: UUID? = nil) throws -> [(date: CivilDate, attemptID: UUID, personID: UUID)] {
        let person: SQL = personID.map { "AND person_id = \($0)" } ?? ""
        return try conn.query("""
            SELECT exam_date, id, person_id FROM exam_attempts
            WHERE purpose = \(purpose) AND subject_id = \(subjectID) AND passed \(person) ORDER BY exam_date DESC
            """).map { (try $0.decode("exam_date"), try $0.decode("id"), try $0.decode("person_id")) }
    }

    /// An attempt's outcome, for the records that rest on it (R-CERT-11).
    public func outcome(id: UUID) throws -> (personID: UUID, purpose: String, subjectID: UUID?, passed: Bool?, score: Double?, examDate: CivilDate, kind: String)? {
        try conn.query("""
            SELECT person_id, purpose, subject_id, passed, score::float8 AS score, exam_date, blueprint->>'kind' AS kind
            FROM exam_attempts WHERE id = \(id)
            """).first.map {
            (try $0.decode("person_id"), try $0.decode("purpose"), try $0.decode("subject_id"), try $0.decode("passed"), try $0.decode("score"),
             try $0.decode("exam_date"), try $0.decode("kind"))
        }
    }

    public func attemptByKey(_ hash: PGBytes) throws -> UUID? {
        try conn.query("SELECT id FROM exam_attempts WHERE key_hash = \(hash)").first?.decode("id")
    }
}
