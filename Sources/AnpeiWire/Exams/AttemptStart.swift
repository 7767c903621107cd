/// Starting an exam attempt.
public struct AttemptStart: Codable, Sendable {
    public var blueprintId: String
    /// certificate_review | training_session | management_certificate | retraining_case | spot_check | practice
    public var purpose: String
    /// What the result is for: the certificate, session, management certificate …
    public var subjectId: String?
    /// The candidate; a worker may leave it out (themself).
    public var personId: String?

    public init(blueprintId: String, purpose: String, subjectId: String? = nil, personId: String? = nil) {
        self.blueprintId = blueprintId
        self.purpose = purpose
        self.subjectId = subjectId
        self.personId = personId
    }
}

/// Starting an attempt with a proctor's one-time code.
public struct AttemptCodeStart: Codable, Sendable {
    public var code: String
    public init(code: String) { self.code = code }
}
