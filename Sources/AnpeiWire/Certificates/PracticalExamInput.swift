/// `POST /v1/certificates/{id}/practical-exams` (R-CERT-8): a practical
/// re-examination after six months or more off special-operations posts.
public struct PracticalExamInput: Codable, Sendable {
    public var date: String
    public var passed: Bool
    /// The examination body (考试机构).
    public var examiner: String
    public init(date: String, passed: Bool, examiner: String) {
        self.date = date
        self.passed = passed
        self.examiner = examiner
    }
}
