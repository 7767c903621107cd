import AnpeiDomain
import Foundation

/// A bank as listed: its current version.
public struct BankRow: Sendable {
    public var id: String
    public var title: String
    public var scopeKind: String
    public var scopeSector: String?
    public var scopeItem: String?
    public var institutionID: UUID?
    public var version: Int
    public var questionCount: Int
    public var importedAt: Date?

    init(row: PGRow) throws {
        id = try row.decode("id")
        title = try row.decode("title")
        scopeKind = try row.decode("scope_kind")
        scopeSector = try row.decode("scope_sector")
        scopeItem = try row.decode("scope_item")
        institutionID = try row.decode("institution_id")
        version = try row.decode("current_version")
        questionCount = try row.decode("question_count")
        importedAt = try row.decode("imported_at")
    }
}

/// One question version of a bank version, answer included (server side only).
public struct StoredQuestion: Sendable {
    public var uid: Int64
    public var question: Question
}

/// SQL for banks and their versions. Question versions are never updated:
/// an import that changes a question adds a revision and a bank version.
public struct BankRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let listColumns = """
        b.id, b.title, b.scope_kind, b.scope_sector, b.scope_item, b.institution_id, b.current_version,
        coalesce(v.question_count, 0) AS question_count, v.imported_at
        FROM question_banks b LEFT JOIN bank_versions v ON v.bank_id = b.id AND v.version = b.current_version
        """

    /// Admins see every bank; an institution the national banks and its own; others the national banks.
    static func visible(_ institutionID: UUID?, all: Bool) -> SQL {
        if all { return "TRUE" }
        if let institutionID { return "(b.institution_id IS NULL OR b.institution_id = \(institutionID))" }
        return "b.institution_id IS NULL"
    }

    public func list(institutionID: UUID?, all: Bool) throws -> [BankRow] {
        try conn.query("SELECT \(raw: Self.listColumns) WHERE \(Self.visible(institutionID, all: all)) ORDER BY b.id")
            .rows.map(BankRow.init)
    }

    public func find(id: String, forUpdate: Bool = false) throws -> BankRow? {
        try conn.query("SELECT \(raw: Self.listColumns) WHERE b.id = \(id) \(raw: forUpdate ? "FOR UPDATE OF b" : "")")
            .first.map(BankRow.init)
    }

    public func createBank(_ bank: QuestionBank, institutionID: UUID?) throws {
        try conn.query("""
            INSERT INTO question_banks (id, title, scope_kind, scope_sector, scope_item, institution_id)
            VALUES (\(bank.id), \(bank.title), \(bank.scope.kind), \(bank.scope.sector), \(bank.scope.item), \(institutionID))
            """)
    }

    public func digest(bankID: String, version: Int) throws -> String? {
        try conn.query("SELECT digest FROM bank_versions WHERE bank_id = \(bankID) AND version = \(version)").first?.decode("digest")
    }

    /// The latest revision and digest of each question id of a bank.
    public func latestRevisions(bankID: String) throws -> [String: (uid: Int64, revision: Int, digest: String)] {
        var out: [String: (Int64, Int, String)] = [:]
        for row in try conn.query("""
            SELECT DISTINCT ON (question_id) question_id, uid, revision, digest FROM questions
            WHERE bank_id = \(bankID) ORDER BY question_id, revision DESC
            """) {
            out[try row.decode("question_id")] = (try row.decode("uid"), try row.decode("revision"), try row.decode("digest"))
        }
        return out
    }

    public func insertQuestion(bankID: String, _ q: Question, revision: Int, digest: String, content: PGJSON) throws -> Int64 {
        let uid: Int64 = try conn.query("""
            INSERT INTO questions (bank_id, question_id, revision, kind, difficulty, knowledge_points, content, digest)
            VALUES (\(bankID), \(q.id), \(revision), \(q.type.rawValue), \(q.difficulty), \(PGArray(q.knowledgePoints)), \(content), \(digest))
            RETURNING uid
            """).one().decode("uid")
        try conn.query("INSERT INTO question_usage (question_uid) VALUES (\(uid))")
        return uid
    }

    public func insertVersion(_ bank: QuestionBank, version: Int, digest: String, uids: [Int64], by: String) throws {
        try conn.query("""
            INSERT INTO bank_versions (bank_id, version, declared_version, title, knowledge_points, digest, question_count, imported_by)
            VALUES (\(bank.id), \(version), \(bank.version), \(bank.title), \(try PGJSON(encoding: bank.knowledgePoints)), \(digest),
                    \(uids.count), \(by))
            """)
        try conn.query("""
            INSERT INTO bank_version_questions (bank_id, version, position, question_uid)
            SELECT \(bank.id), \(version), ord::int, uid FROM unnest(\(PGArray(uids))::bigint[]) WITH ORDINALITY AS t(uid, ord)
            """)
        try conn.query("""
            UPDATE question_banks SET current_version = \(version), title = \(bank.title), scope_kind = \(bank.scope.kind),
                   scope_sector = \(bank.scope.sector), scope_item = \(bank.scope.item) WHERE id = \(bank.id)
            """)
    }

    /// The questions of a bank version in file order.
    public func questions(bankID: String, version: Int) throws -> [StoredQuestion] {
        try conn.query("""
            SELECT q.uid, q.content FROM bank_version_questions m JOIN questions q ON q.uid = m.question_uid
            WHERE m.bank_id = \(bankID) AND m.version = \(version) ORDER BY m.position
            """).map { StoredQuestion(uid: try $0.decode("uid"), question: try JSONColumn.decode($0, "content", as: Question.self)) }
    }

    public func knowledgePoints(bankID: String, version: Int) throws -> [QuestionBank.KnowledgePoint] {
        guard let row = try conn.query("SELECT knowledge_points FROM bank_versions WHERE bank_id = \(bankID) AND version = \(version)").first
        else { return [] }
        return try JSONColumn.decode(row, "knowledge_points", as: [QuestionBank.KnowledgePoint].self)
    }

    /// Question versions by uid (grading reads the versions a paper holds).
    public func questions(uids: [Int64]) throws -> [Int64: Question] {
        var out: [Int64: Question] = [:]
        for row in try conn.query("SELECT uid, content FROM questions WHERE uid = ANY(\(PGArray(uids))::bigint[])") {
            out[try row.decode("uid")] = try JSONColumn.decode(row, "content", as: Question.self)
        }
        return out
    }

    public func usage(uids: [Int64]) throws -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for row in try conn.query("SELECT question_uid, uses FROM question_usage WHERE question_uid = ANY(\(PGArray(uids))::bigint[])") {
            out[try row.decode("question_uid")] = try row.decode("uses")
        }
        return out
    }

    /// Counted after the paper's transaction commits, in a statement of its own:
    /// every paper of a bank touches the same rows, so holding their locks until
    /// a start commits would serialise all starts (and a plain UPDATE locks in
    /// scan order, which deadlocks). The rows are locked in uid order here.
    public func countUse(_ uids: [Int64]) throws {
        try conn.query("""
            UPDATE question_usage q SET uses = q.uses + 1
            FROM (SELECT question_uid FROM question_usage WHERE question_uid = ANY(\(PGArray(uids))::bigint[])
                  ORDER BY question_uid FOR UPDATE) l
            WHERE q.question_uid = l.question_uid
            """)
    }
}
