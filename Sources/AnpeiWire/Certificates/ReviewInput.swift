import AnpeiDomain

public struct ReviewInput: Codable, Sendable {
    public var date: String
    public var trainingHours: Int
    public var passed: Bool
    public init(date: String, trainingHours: Int, passed: Bool) {
        self.date = date
        self.trainingHours = trainingHours
        self.passed = passed
    }
}
