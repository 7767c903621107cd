import Foundation

/// Paper assembly ("Exams (general)" in DOMAIN.md): random but reproducible
/// from a seed, never repeats a question, prefers the least-used eligible
/// questions, shuffles options per attempt. A bank that cannot satisfy the
/// blueprint fails with the unmet quota named.
public enum PaperAssembly {
    /// One eligible question version with how often earlier papers used it.
    public struct Candidate: Sendable {
        public var uid: Int64
        public var question: Question
        public var uses: Int
        public init(uid: Int64, question: Question, uses: Int) {
            self.uid = uid
            self.question = question
            self.uses = uses
        }
    }

    /// One question on a paper. `order[i]` is the bank letter shown at the
    /// i-th displayed position (A, B, …); nil for true/false.
    public struct Item: Codable, Sendable, Equatable {
        public var uid: Int64
        public var points: Double
        public var order: [String]?
        public init(uid: Int64, points: Double, order: [String]?) {
            self.uid = uid
            self.points = points
            self.order = order
        }
    }

    public struct Unmet: Error, Sendable, Equatable {
        /// section | knowledge_point | difficulty
        public var quota: String
        public var needed: Int
        public var available: Int
        public var message: LocalizedText
    }

    public static let letters = ["A", "B", "C", "D", "E", "F", "G", "H"]

    public static func assemble(_ blueprint: Blueprint, from pool: [Candidate], titles: [String: String] = [:],
                                seed: UInt64) throws(Unmet) -> [Item] {
        var rng = SeededRandom(seed: seed)
        // Input order must not matter: sort, shuffle with the seed, then a
        // stable sort by use count keeps the random order among equals.
        var ordered = pool.sorted { $0.uid < $1.uid }
        rng.shuffle(&ordered)
        ordered = ordered.enumerated().sorted { ($0.element.uses, $0.offset) < ($1.element.uses, $1.offset) }.map(\.element)

        var remaining: [Question.Kind: Int] = [:]
        for s in blueprint.sections {
            remaining[s.type] = s.count
            let have = ordered.count { $0.question.type == s.type }
            if have < s.count {
                throw Unmet(quota: "section:\(s.type.rawValue)", needed: s.count, available: have, message: LocalizedText(
                    zh: "题库中\(label(s.type))不足：组卷需要\(s.count)道，题库只有\(have)道",
                    en: "the bank has \(have) \(s.type.rawValue) questions; the blueprint needs \(s.count)"))
            }
        }
        var chosen = Set<Int64>()
        var picked: [Candidate] = []
        func take(_ c: Candidate) {
            chosen.insert(c.uid)
            picked.append(c)
            remaining[c.question.type, default: 0] -= 1
        }
        func fits(_ c: Candidate) -> Bool { !chosen.contains(c.uid) && remaining[c.question.type, default: 0] > 0 }

        for quota in blueprint.quotas {
            var have = picked.count { $0.question.knowledgePoints.contains(quota.knowledgePoint) }
            for c in ordered where have < quota.min && fits(c) && c.question.knowledgePoints.contains(quota.knowledgePoint) {
                take(c)
                have += 1
            }
            if have < quota.min {
                let name = titles[quota.knowledgePoint].map { "「\($0)」" } ?? quota.knowledgePoint
                throw Unmet(quota: "knowledge_point:\(quota.knowledgePoint)", needed: quota.min, available: have, message: LocalizedText(
                    zh: "知识点\(name)的题目不足：组卷至少需要\(quota.min)道，在题型题量限制内只能选出\(have)道",
                    en: "knowledge point \(quota.knowledgePoint): needs \(quota.min), only \(have) fit the sections"))
            }
        }
        let total = blueprint.questionCount
        for band in Blueprint.Band.allCases {
            guard let share = blueprint.difficulty[band], share > 0 else { continue }
            let need = Int((share * Double(total)).rounded(.up))
            var have = picked.count { Blueprint.Band.of($0.question.difficulty) == band }
            for c in ordered where have < need && fits(c) && Blueprint.Band.of(c.question.difficulty) == band {
                take(c)
                have += 1
            }
            if have < need {
                throw Unmet(quota: "difficulty:\(band.rawValue)", needed: need, available: have, message: LocalizedText(
                    zh: "难度为“\(band.label)”的题目不足：组卷至少需要\(need)道，在题型题量限制内只能选出\(have)道",
                    en: "difficulty \(band.rawValue): needs \(need), only \(have) fit the sections"))
            }
        }
        for c in ordered where fits(c) { take(c) }

        // Sections in blueprint order; within a section, the seeded order.
        let rank = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.uid, $0.offset) })
        var items: [Item] = []
        for s in blueprint.sections {
            for c in picked.filter({ $0.question.type == s.type }).sorted(by: { rank[$0.uid]! < rank[$1.uid]! }) {
                var order: [String]?
                if let options = c.question.options, c.question.type != .trueFalse {
                    var letters = options.keys.sorted()
                    rng.shuffle(&letters)
                    order = letters
                }
                items.append(Item(uid: c.uid, points: s.points, order: order))
            }
        }
        return items
    }

    static func label(_ kind: Question.Kind) -> String {
        switch kind {
        case .single: "单选题"
        case .multiple: "多选题"
        case .trueFalse: "判断题"
        }
    }

    /// The letters a candidate chose on the displayed paper, in bank letters.
    public static func bankLetters(_ displayed: Set<String>, order: [String]?) -> Set<String>? {
        guard let order else { return displayed }
        var out = Set<String>()
        for d in displayed {
            guard let i = letters.firstIndex(of: d), i < order.count else { return nil }
            out.insert(order[i])
        }
        return out
    }
}
