/// One question of a bank ("Exams (general)" in DOMAIN.md).
public struct Question: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case single
        case multiple
        case trueFalse = "true_false"
    }

    /// The key: the letters of a choice question, or the truth of a statement.
    public enum Answer: Codable, Sendable, Equatable {
        case letters(Set<String>)
        case truth(Bool)

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) {
                self = .truth(b)
            } else {
                self = .letters(Set(try c.decode(String.self).map(String.init)))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .truth(let b): try c.encode(b)
            case .letters(let l): try c.encode(l.sorted().joined())
            }
        }
    }

    public struct Source: Codable, Sendable, Equatable {
        public var law: String
        public var article: String?
        public init(law: String, article: String? = nil) {
            self.law = law
            self.article = article
        }
    }

    public var id: String
    public var type: Kind
    public var stem: String
    /// Letter → text; nil for true/false.
    public var options: [String: String]?
    public var answer: Answer
    public var explanation: String
    public var difficulty: Int
    public var knowledgePoints: [String]
    public var source: Source

    public init(id: String, type: Kind, stem: String, options: [String: String]? = nil, answer: Answer, explanation: String,
                difficulty: Int, knowledgePoints: [String], source: Source) {
        self.id = id
        self.type = type
        self.stem = stem
        self.options = options
        self.answer = answer
        self.explanation = explanation
        self.difficulty = difficulty
        self.knowledgePoints = knowledgePoints
        self.source = source
    }
}
