import AnpeiDomain

public struct Reexamination: Codable, Sendable {
    public var date: String
    public var score: Int
    /// The passed re-examination in anpei (an attempt id), when it was taken here.
    public var examAttemptId: String?
    public init(date: String, score: Int, examAttemptId: String? = nil) {
        self.examAttemptId = examAttemptId
        self.date = date
        self.score = score
    }
}
