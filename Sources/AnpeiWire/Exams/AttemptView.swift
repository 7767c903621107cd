import Foundation

/// An attempt as its candidate sees it: the paper without answers; after
/// submission, the points earned per question and the result.
public struct AttemptView: Codable, Sendable, Equatable {
    public struct Option: Codable, Sendable, Equatable {
        public var letter: String
        public var text: String
        public init(letter: String, text: String) {
            self.letter = letter
            self.text = text
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        public var position: Int
        /// single | multiple | true_false
        public var type: String
        public var stem: String
        public var options: [Option]?
        public var points: Double
        /// The letters chosen (as displayed) or the truth value given, if any.
        public var letters: [String]?
        public var truth: Bool?
        /// After submission only.
        public var earned: Double?
        public init(position: Int, type: String, stem: String, options: [Option]?, points: Double, letters: [String]?, truth: Bool?,
                    earned: Double?) {
            self.position = position
            self.type = type
            self.stem = stem
            self.options = options
            self.points = points
            self.letters = letters
            self.truth = truth
            self.earned = earned
        }
    }

    public var id: String
    public var personId: String
    public var personName: String
    public var blueprintId: String
    public var title: String
    public var purpose: String
    public var subjectId: String?
    public var attemptNumber: Int
    /// online | paper
    public var mode: String
    /// open | submitted
    public var status: String
    public var startedAt: Date
    public var deadline: Date?
    public var secondsLeft: Int?
    public var submittedAt: Date?
    public var autoSubmitted: Bool
    public var examDate: String
    public var score: Double?
    public var maxScore: Double
    public var passMark: Double
    public var passed: Bool?
    public var items: [Item]
    /// Only in the answer to a start with a proctor's code: the key the candidate's device sends as X-Attempt-Key.
    public var attemptKey: String?

    public init(id: String, personId: String, personName: String, blueprintId: String, title: String, purpose: String, subjectId: String?,
                attemptNumber: Int, mode: String, status: String, startedAt: Date, deadline: Date?, secondsLeft: Int?, submittedAt: Date?,
                autoSubmitted: Bool, examDate: String, score: Double?, maxScore: Double, passMark: Double, passed: Bool?, items: [Item],
                attemptKey: String? = nil) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.blueprintId = blueprintId
        self.title = title
        self.purpose = purpose
        self.subjectId = subjectId
        self.attemptNumber = attemptNumber
        self.mode = mode
        self.status = status
        self.startedAt = startedAt
        self.deadline = deadline
        self.secondsLeft = secondsLeft
        self.submittedAt = submittedAt
        self.autoSubmitted = autoSubmitted
        self.examDate = examDate
        self.score = score
        self.maxScore = maxScore
        self.passMark = passMark
        self.passed = passed
        self.items = items
        self.attemptKey = attemptKey
    }
}
