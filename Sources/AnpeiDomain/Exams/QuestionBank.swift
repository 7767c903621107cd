/// A question bank as kept in `question-banks/` (one YAML file per bank; the
/// format's JSON Schema is `question-banks/schema/bank.schema.json`).
public struct QuestionBank: Codable, Sendable, Equatable {
    public struct Scope: Codable, Sendable, Equatable {
        /// wave_sector | special_operation | three_violations | evacuation | general
        public var kind: String
        public var sector: String?
        public var item: String?
        public var roles: [String]?
        public init(kind: String, sector: String? = nil, item: String? = nil, roles: [String]? = nil) {
            self.kind = kind
            self.sector = sector
            self.item = item
            self.roles = roles
        }
    }

    public struct KnowledgePoint: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public var id: String
    public var title: String
    public var version: Int
    public var scope: Scope
    public var knowledgePoints: [KnowledgePoint]
    public var questions: [Question]

    public init(id: String, title: String, version: Int, scope: Scope, knowledgePoints: [KnowledgePoint], questions: [Question]) {
        self.id = id
        self.title = title
        self.version = version
        self.scope = scope
        self.knowledgePoints = knowledgePoints
        self.questions = questions
    }
}
