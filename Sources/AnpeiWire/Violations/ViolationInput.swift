/// A 三违 record (R-3V-2). A correction names the record it supersedes; records are never edited.
public struct ViolationInput: Codable, Sendable {
    public var personId: String
    /// The host enterprise, also for dispatched, flexible and outsourced workers (R-EMP-1).
    public var enterpriseId: String
    public var occurredOn: String
    /// illegal_command | illegal_operation | labor_discipline
    public var kind: String
    public var place: String?
    public var description: String?
    public var evidence: String?
    public var supersedes: String?

    public init(personId: String, enterpriseId: String, occurredOn: String, kind: String, place: String? = nil, description: String? = nil,
                evidence: String? = nil, supersedes: String? = nil) {
        self.personId = personId
        self.enterpriseId = enterpriseId
        self.occurredOn = occurredOn
        self.kind = kind
        self.place = place
        self.description = description
        self.evidence = evidence
        self.supersedes = supersedes
    }
}

/// Off-duty retraining hours recorded against a case.
public struct RetrainingHoursInput: Codable, Sendable {
    public var date: String
    public var hours: Int
    public var trainer: String?
    public init(date: String, hours: Int, trainer: String? = nil) {
        self.date = date
        self.hours = hours
        self.trainer = trainer
    }
}

/// Back on post on `date`.
public struct ReinstateInput: Codable, Sendable {
    public var date: String
    public init(date: String) { self.date = date }
}
