/// Answers saved as the candidate goes (any subset of positions; later saves replace earlier ones).
public struct AnswerInput: Codable, Sendable {
    public struct Answer: Codable, Sendable {
        public var position: Int
        /// Choice questions: the displayed letters chosen.
        public var letters: [String]?
        /// True/false questions.
        public var truth: Bool?
        public init(position: Int, letters: [String]? = nil, truth: Bool? = nil) {
            self.position = position
            self.letters = letters
            self.truth = truth
        }
    }

    public var answers: [Answer]
    public init(answers: [Answer]) { self.answers = answers }
}
