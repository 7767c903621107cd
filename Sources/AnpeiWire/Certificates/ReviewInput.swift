import AnpeiDomain

/// `POST /v1/certificates/{id}/reviews`: a review (复审 or 延期复审) and its result.
public struct ReviewInput: Codable, Sendable {
    public var date: String
    public var trainingHours: Int
    public var passed: Bool
    /// Why it was not passed (MEM-30 Art. 25; `ReviewRefusalGround`); defaults
    /// to training_or_exam_failed for a failed review, must be absent for a pass.
    public var ground: String?
    public init(date: String, trainingHours: Int, passed: Bool, ground: String? = nil) {
        self.date = date
        self.trainingHours = trainingHours
        self.passed = passed
        self.ground = ground
    }
}
