import AnpeiDomain

public struct Reexamination: Codable, Sendable {
    public var date: String
    public var score: Int
    public init(date: String, score: Int) {
        self.date = date
        self.score = score
    }
}
