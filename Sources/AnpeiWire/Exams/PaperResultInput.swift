/// Results of a paper exam entered from a score sheet: all rows or none.
public struct PaperResultInput: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var personId: String
        public var subjectId: String?
        public var score: Double
        public init(personId: String, subjectId: String? = nil, score: Double) {
            self.personId = personId
            self.subjectId = subjectId
            self.score = score
        }
    }

    public var blueprintId: String
    public var purpose: String
    public var date: String
    public var rows: [Row]

    public init(blueprintId: String, purpose: String, date: String, rows: [Row]) {
        self.blueprintId = blueprintId
        self.purpose = purpose
        self.date = date
        self.rows = rows
    }
}

public struct PaperResultOutcome: Codable, Sendable {
    public var recorded: Int
    public var passed: Int
    public var attemptIds: [String]
    public init(recorded: Int, passed: Int, attemptIds: [String]) {
        self.recorded = recorded
        self.passed = passed
        self.attemptIds = attemptIds
    }
}
