/// A blueprint on the wire (the domain's `Blueprint`, flattened).
public struct BlueprintView: Codable, Sendable, Equatable {
    public struct Section: Codable, Sendable, Equatable {
        /// single | multiple | true_false
        public var type: String
        public var count: Int
        public var points: Double
        public init(type: String, count: Int, points: Double) {
            self.type = type
            self.count = count
            self.points = points
        }
    }

    public struct Quota: Codable, Sendable, Equatable {
        public var knowledgePoint: String
        public var min: Int
        public init(knowledgePoint: String, min: Int) {
            self.knowledgePoint = knowledgePoint
            self.min = min
        }
    }

    /// The least share of the paper per difficulty band.
    public struct Difficulty: Codable, Sendable, Equatable {
        public var easy: Double?
        public var medium: Double?
        public var hard: Double?
        public init(easy: Double? = nil, medium: Double? = nil, hard: Double? = nil) {
            self.easy = easy
            self.medium = medium
            self.hard = hard
        }
    }

    public var id: String
    public var title: String
    /// special_operations_theory | management_competence | retraining | spot_check | training
    public var kind: String
    public var bank: String
    public var sections: [Section]
    public var quotas: [Quota]?
    public var difficulty: Difficulty?
    /// Absent: the exam kind's default.
    public var passMark: Double?
    public var timeLimitMinutes: Int?
    public var retakes: Int?
    /// all_or_nothing | partial_no_wrong
    public var multiple: String?
    public var totalPoints: Double?
    public var institutionId: String?

    public init(id: String, title: String, kind: String, bank: String, sections: [Section], quotas: [Quota]? = nil,
                difficulty: Difficulty? = nil, passMark: Double? = nil, timeLimitMinutes: Int? = nil, retakes: Int? = nil,
                multiple: String? = nil, totalPoints: Double? = nil, institutionId: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.bank = bank
        self.sections = sections
        self.quotas = quotas
        self.difficulty = difficulty
        self.passMark = passMark
        self.timeLimitMinutes = timeLimitMinutes
        self.retakes = retakes
        self.multiple = multiple
        self.totalPoints = totalPoints
        self.institutionId = institutionId
    }
}
