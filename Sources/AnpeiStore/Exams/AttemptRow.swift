import AnpeiDomain
import Foundation

/// An exam attempt as stored: the paper, the blueprint it followed, the result.
public struct AttemptRow: Sendable {
    public var id: UUID
    public var personID: UUID
    public var personName: String
    public var blueprintID: String
    public var bankID: String
    public var bankVersion: Int
    public var purpose: String
    public var subjectID: UUID?
    public var attemptNumber: Int
    public var mode: String
    public var blueprint: Blueprint
    public var seed: Int64?
    public var paper: [PaperAssembly.Item]?
    public var startedAt: Date
    public var deadline: Date?
    public var submittedAt: Date?
    public var autoSubmitted: Bool
    public var examDate: CivilDate
    public var score: Double?
    public var maxScore: Double
    public var passed: Bool?
    public var clientAddress: String?
    public var userAgent: String?
    public var startedBy: String
    public var institutionID: UUID?
    public var keyHash: PGBytes?

    static let columns = """
        a.id, a.person_id, p.name AS person_name, a.blueprint_id, a.bank_id, a.bank_version, a.purpose, a.subject_id,
        a.attempt_number, a.mode, a.blueprint, a.seed, a.paper, a.started_at, a.deadline, a.submitted_at, a.auto_submitted,
        a.exam_date, a.score::float8 AS score, a.max_score::float8 AS max_score, a.passed, a.client_address, a.user_agent,
        a.started_by, a.institution_id, a.key_hash
        FROM exam_attempts a JOIN people p ON p.id = a.person_id
        """

    /// A just-inserted attempt as the row will read, without reading it back.
    public init(id: UUID, inserted a: NewAttempt, personName: String) {
        self.id = id
        personID = a.personID
        self.personName = personName
        blueprintID = a.blueprint.id
        bankID = a.blueprint.bank
        bankVersion = a.bankVersion
        purpose = a.purpose
        subjectID = a.subjectID
        attemptNumber = a.attemptNumber
        mode = a.mode
        blueprint = a.blueprint
        seed = a.seed
        paper = a.paper
        // Microseconds, as PostgreSQL keeps them.
        startedAt = Date(timeIntervalSince1970: (a.startedAt.timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000)
        deadline = a.deadline.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000) }
        submittedAt = nil
        autoSubmitted = false
        examDate = a.examDate
        score = nil
        maxScore = a.blueprint.totalPoints
        passed = nil
        clientAddress = a.clientAddress
        userAgent = a.userAgent
        startedBy = a.startedBy
        institutionID = a.institutionID
        keyHash = a.keyHash
    }

    init(row: PGRow) throws {
        id = try row.decode("id")
        personID = try row.decode("person_id")
        personName = try row.decode("person_name")
        blueprintID = try row.decode("blueprint_id")
        bankID = try row.decode("bank_id")
        bankVersion = try row.decode("bank_version")
        purpose = try row.decode("purpose")
        subjectID = try row.decode("subject_id")
        attemptNumber = try row.decode("attempt_number")
        mode = try row.decode("mode")
        blueprint = try JSONColumn.decode(row, "blueprint", as: Blueprint.self)
        seed = try row.decode("seed")
        let paperJSON: PGJSON? = try row.decode("paper")
        paper = try paperJSON.map { try JSONDecoder().decode([PaperAssembly.Item].self, from: Data($0.json.utf8)) }
        startedAt = try row.decode("started_at")
        deadline = try row.decode("deadline")
        submittedAt = try row.decode("submitted_at")
        autoSubmitted = try row.decode("auto_submitted")
        examDate = try row.decode("exam_date")
        score = try row.decode("score")
        maxScore = try row.decode("max_score")
        passed = try row.decode("passed")
        clientAddress = try row.decode("client_address")
        userAgent = try row.decode("user_agent")
        startedBy = try row.decode("started_by")
        institutionID = try row.decode("institution_id")
        keyHash = try row.decode("key_hash")
    }
}

/// A new attempt, online (with a paper) or from a paper score sheet.
public struct NewAttempt: Sendable {
    public var personID: UUID
    public var blueprint: Blueprint
    public var bankVersion: Int
    public var purpose: String
    public var subjectID: UUID?
    public var attemptNumber: Int
    public var mode: String
    public var seed: Int64?
    public var usageBasis: [Int64: Int]?
    public var paper: [PaperAssembly.Item]?
    public var startedAt: Date
    public var deadline: Date?
    public var examDate: CivilDate
    public var clientAddress: String?
    public var userAgent: String?
    public var startedBy: String
    public var institutionID: UUID?
    public var keyHash: PGBytes?

    public init(personID: UUID, blueprint: Blueprint, bankVersion: Int, purpose: String, subjectID: UUID?, attemptNumber: Int,
                mode: String, seed: Int64?, usageBasis: [Int64: Int]?, paper: [PaperAssembly.Item]?, startedAt: Date, deadline: Date?,
                examDate: CivilDate, clientAddress: String?, userAgent: String?, startedBy: String, institutionID: UUID?,
                keyHash: PGBytes? = nil) {
        self.personID = personID
        self.blueprint = blueprint
        self.bankVersion = bankVersion
        self.purpose = purpose
        self.subjectID = subjectID
        self.attemptNumber = attemptNumber
        self.mode = mode
        self.seed = seed
        self.usageBasis = usageBasis
        self.paper = paper
        self.startedAt = startedAt
        self.deadline = deadline
        self.examDate = examDate
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.startedBy = startedBy
        self.institutionID = institutionID
        self.keyHash = keyHash
    }
}
