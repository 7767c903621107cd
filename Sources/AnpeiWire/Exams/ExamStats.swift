import Foundation

/// Item analysis of a bank version over all its submitted online attempts.
public struct ExamStats: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var questionId: String
        public var uid: Int64
        public var answered: Int
        public var p: Double
        public var d: Double?
        public var pointBiserial: Double?
        /// Bank letter (or true/false, "-" for unanswered) → how many chose it.
        public var options: [String: Int]
        /// too_easy | too_hard | negative_discrimination | low_discrimination
        public var flags: [String]
        public init(questionId: String, uid: Int64, answered: Int, p: Double, d: Double?, pointBiserial: Double?, options: [String: Int],
                    flags: [String]) {
            self.questionId = questionId
            self.uid = uid
            self.answered = answered
            self.p = p
            self.d = d
            self.pointBiserial = pointBiserial
            self.options = options
            self.flags = flags
        }
    }

    public var bankId: String
    public var version: Int
    public var attempts: Int
    public var alpha: Double?
    public var items: [Item]
    public init(bankId: String, version: Int, attempts: Int, alpha: Double?, items: [Item]) {
        self.bankId = bankId
        self.version = version
        self.attempts = attempts
        self.alpha = alpha
        self.items = items
    }
}

/// Anti-fraud report rows.
public struct FraudSignal: Codable, Sendable {
    /// shared_address | too_fast
    public var kind: String
    public var clientAddress: String?
    public var candidates: Int
    public var attemptIds: [String]
    public var from: Date
    public var to: Date
    public init(kind: String, clientAddress: String?, candidates: Int, attemptIds: [String], from: Date, to: Date) {
        self.kind = kind
        self.clientAddress = clientAddress
        self.candidates = candidates
        self.attemptIds = attemptIds
        self.from = from
        self.to = to
    }
}
