/// DOMAIN.md "Exams (general)": single choice and true/false are all or
/// nothing; multiple choice is all or nothing by default (少选、多选、错选均不得分),
/// with partial credit only where the blueprint says so.
public enum Grading {
    public enum MultiplePolicy: String, Codable, Sendable {
        /// 少选、多选、错选均不得分.
        case allOrNothing = "all_or_nothing"
        /// No wrong letter: a share of the points per right letter chosen; any wrong letter: nothing.
        case partialNoWrong = "partial_no_wrong"
    }

    /// A candidate's response: letters chosen, or a truth value.
    public enum Response: Sendable, Equatable {
        case letters(Set<String>)
        case truth(Bool)
    }

    /// Points earned on `question` worth `points`.
    public static func score(_ question: Question, _ response: Response?, points: Double,
                             multiple: MultiplePolicy = .allOrNothing) -> Double {
        guard let response else { return 0 }
        switch (question.answer, response) {
        case let (.truth(key), .truth(given)): return key == given ? points : 0
        case let (.letters(key), .letters(given)):
            if given == key { return points }
            guard question.type == .multiple, multiple == .partialNoWrong, !given.isEmpty, given.isSubset(of: key) else { return 0 }
            return points * Double(given.count) / Double(key.count)
        default: return 0
        }
    }
}

extension Grading {
    /// A whole paper: the points of each item and the total.
    public static func grade(_ items: [(question: Question, points: Double, response: Response?)],
                             multiple: MultiplePolicy) -> (total: Double, each: [Double]) {
        let each = items.map { score($0.question, $0.response, points: $0.points, multiple: multiple) }
        // Rounded to 1/100 point so sums of thirds do not miss a pass mark by an ulp.
        return ((each.reduce(0, +) * 100).rounded() / 100, each)
    }
}
