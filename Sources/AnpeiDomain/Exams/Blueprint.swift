import Foundation

/// What an exam paper is made of ("Exams (general)" in DOMAIN.md): sections
/// by question type, quotas per knowledge point, a difficulty mix, the pass
/// mark, the time limit, the retake and partial-credit policies.
public struct Blueprint: Codable, Sendable, Equatable {
    /// The exam kinds the seeds name; each has shipped defaults.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// R-CERT-9: special-operations theory, 100 points, pass 80, 120 minutes.
        case specialOperationsTheory = "special_operations_theory"
        /// R-CERT-11: management competence, 100 points, pass 80.
        case managementCompetence = "management_competence"
        /// R-3V-2: the 三违 retraining exam, 60 minutes.
        case retraining
        /// R-3V-3: 逢查必考 spot exam.
        case spotCheck = "spot_check"
        /// An exam that ends a training session.
        case training

        public var label: LocalizedText {
            switch self {
            case .specialOperationsTheory: LocalizedText(zh: "特种作业安全技术理论考试", en: "special-operations theory exam")
            case .managementCompetence: LocalizedText(zh: "安全生产知识和管理能力考核", en: "management competence exam")
            case .retraining: LocalizedText(zh: "“三违”再培训考试", en: "retraining exam")
            case .spotCheck: LocalizedText(zh: "逢查必考", en: "spot exam")
            case .training: LocalizedText(zh: "培训结业考试", en: "training exam")
            }
        }

        /// The shipped defaults: total points, pass mark, minutes.
        public var defaults: (points: Double, passMark: Double, minutes: Int) {
            switch self {
            case .specialOperationsTheory: (100, 80, 120)
            case .managementCompetence: (100, 80, 120)
            case .retraining: (100, 80, 60)
            case .spotCheck: (100, 80, 30)
            case .training: (100, 80, 60)
            }
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var type: Question.Kind
        public var count: Int
        /// Points per question of this section.
        public var points: Double
        public init(type: Question.Kind, count: Int, points: Double) {
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

    /// Difficulty bands: easy 1–2, medium 3, hard 4–5.
    public enum Band: String, Codable, Sendable, CaseIterable {
        case easy, medium, hard
        public static func of(_ difficulty: Int) -> Band { difficulty <= 2 ? .easy : difficulty == 3 ? .medium : .hard }
        public var label: String { switch self { case .easy: "容易"; case .medium: "中等"; case .hard: "较难" } }
    }

    public var id: String
    public var title: String
    public var kind: Kind
    public var bank: String
    public var sections: [Section]
    public var quotas: [Quota]
    /// The least share of the paper in each band (0…1).
    public var difficulty: [Band: Double]
    public var passMark: Double
    public var timeLimitMinutes: Int
    /// Retakes after a failed attempt before retraining is required (R-CERT-9: one).
    public var retakes: Int
    public var multiple: Grading.MultiplePolicy

    public init(id: String, title: String, kind: Kind, bank: String, sections: [Section], quotas: [Quota] = [],
                difficulty: [Band: Double] = [:], passMark: Double? = nil, timeLimitMinutes: Int? = nil, retakes: Int = 1,
                multiple: Grading.MultiplePolicy = .allOrNothing) {
        self.id = id
        self.title = title
        self.kind = kind
        self.bank = bank
        self.sections = sections
        self.quotas = quotas
        self.difficulty = difficulty
        self.passMark = passMark ?? kind.defaults.passMark
        self.timeLimitMinutes = timeLimitMinutes ?? kind.defaults.minutes
        self.retakes = retakes
        self.multiple = multiple
    }

    enum CodingKeys: String, CodingKey {
        case id, title, kind, bank, sections, quotas, difficulty, passMark, timeLimitMinutes, retakes, multiple
    }

    /// Absent fields take the exam kind's defaults, so a blueprint file states
    /// only what differs.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        let bands = try c.decodeIfPresent([String: Double].self, forKey: .difficulty) ?? [:]
        var difficulty: [Band: Double] = [:]
        for (k, v) in bands {
            guard let band = Band(rawValue: k) else {
                throw DecodingError.dataCorruptedError(forKey: .difficulty, in: c, debugDescription: "unknown band \(k)")
            }
            difficulty[band] = v
        }
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title), kind: kind,
                  bank: try c.decode(String.self, forKey: .bank), sections: try c.decode([Section].self, forKey: .sections),
                  quotas: try c.decodeIfPresent([Quota].self, forKey: .quotas) ?? [], difficulty: difficulty,
                  passMark: try c.decodeIfPresent(Double.self, forKey: .passMark),
                  timeLimitMinutes: try c.decodeIfPresent(Int.self, forKey: .timeLimitMinutes),
                  retakes: try c.decodeIfPresent(Int.self, forKey: .retakes) ?? 1,
                  multiple: try c.decodeIfPresent(Grading.MultiplePolicy.self, forKey: .multiple) ?? .allOrNothing)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(bank, forKey: .bank)
        try c.encode(sections, forKey: .sections)
        try c.encode(quotas, forKey: .quotas)
        try c.encode(Dictionary(uniqueKeysWithValues: difficulty.map { ($0.key.rawValue, $0.value) }), forKey: .difficulty)
        try c.encode(passMark, forKey: .passMark)
        try c.encode(timeLimitMinutes, forKey: .timeLimitMinutes)
        try c.encode(retakes, forKey: .retakes)
        try c.encode(multiple, forKey: .multiple)
    }

    public var questionCount: Int { sections.reduce(0) { $0 + $1.count } }
    public var totalPoints: Double { sections.reduce(0) { $0 + Double($1.count) * $1.points } }

    /// What makes a blueprint unusable, before any bank is consulted.
    public func problems() -> [FieldError] {
        var out: [FieldError] = []
        func add(_ field: String, _ code: String, zh: String, en: String) {
            out.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
        }
        let idOK = !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        if !idOK { add("id", "invalid_id", zh: "编号须为1至64位字母、数字、-、_或.", en: "1–64 letters, digits, - _ .") }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { add("title", "required", zh: "名称不能为空", en: "required") }
        if sections.isEmpty { add("sections", "required", zh: "至少需要一个题型", en: "at least one section") }
        if Set(sections.map(\.type)).count != sections.count {
            add("sections", "duplicate_type", zh: "每种题型只能出现一次", en: "one section per question type")
        }
        for (i, s) in sections.enumerated() where !(1...500).contains(s.count) || !(s.points > 0 && s.points <= 100) {
            add("sections[\(i)]", "out_of_range", zh: "题量须在1至500之间，分值须大于0且不超过100", en: "count 1–500, points in (0, 100]")
        }
        for (i, q) in quotas.enumerated() where q.min < 1 || q.min > questionCount {
            add("quotas[\(i)].min", "out_of_range", zh: "知识点最少题量须在1至总题量之间", en: "between 1 and the question count")
        }
        if difficulty.values.contains(where: { !($0 >= 0 && $0 <= 1) }) || difficulty.values.reduce(0, +) > 1 {
            add("difficulty", "out_of_range", zh: "难度比例须在0至1之间且合计不超过1", en: "shares in 0…1, summing to at most 1")
        }
        if !(passMark > 0 && passMark <= totalPoints) {
            add("passMark", "out_of_range", zh: "合格分须大于0且不超过总分", en: "must be in (0, total points]")
        }
        if !(1...600).contains(timeLimitMinutes) { add("timeLimitMinutes", "out_of_range", zh: "考试时长须在1至600分钟之间", en: "1–600 minutes") }
        if !(0...5).contains(retakes) { add("retakes", "out_of_range", zh: "补考次数须在0至5之间", en: "0–5") }
        // R-CERT-9 / R-CERT-11: these exams are out of 100 points with a pass at 80.
        if kind == .specialOperationsTheory || kind == .managementCompetence, sections.count > 0,
           totalPoints != 100 || passMark < 80 {
            add("sections", "rule_total_points", zh: "\(kind.label.zh)总分须为100分、合格分不低于80分（R-CERT-9、R-CERT-11）",
                en: "this exam kind is out of 100 with a pass of at least 80 (R-CERT-9, R-CERT-11)")
        }
        return out
    }
}
