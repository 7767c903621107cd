/// A retraining case: the violation, the hours, the exams, and whether the
/// person may return to post (R-3V-2).
public struct CaseView: Codable, Sendable, Equatable {
    public var id: String
    public var violationId: String
    public var personId: String
    public var personName: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var kind: String
    public var kindLabel: String
    public var occurredOn: String
    public var place: String
    public var description: String
    public var foundBy: String
    public var evidence: String
    public var openedOn: String
    public var requiredHours: Int
    public var recordedHours: Int
    /// open (off post) | reinstated | void (its violation was corrected)
    public var status: String
    public var closedOn: String?
    public var passedExams: [String]
    /// What reinstatement still needs (empty: it may be recorded).
    public var missing: [String]
    public var overdue: Bool

    public init(id: String, violationId: String, personId: String, personName: String, enterpriseId: String, enterpriseName: String,
                kind: String, kindLabel: String, occurredOn: String, place: String, description: String, foundBy: String, evidence: String,
                openedOn: String, requiredHours: Int, recordedHours: Int, status: String, closedOn: String?, passedExams: [String],
                missing: [String], overdue: Bool) {
        self.id = id
        self.violationId = violationId
        self.personId = personId
        self.personName = personName
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.kind = kind
        self.kindLabel = kindLabel
        self.occurredOn = occurredOn
        self.place = place
        self.description = description
        self.foundBy = foundBy
        self.evidence = evidence
        self.openedOn = openedOn
        self.requiredHours = requiredHours
        self.recordedHours = recordedHours
        self.status = status
        self.closedOn = closedOn
        self.passedExams = passedExams
        self.missing = missing
        self.overdue = overdue
    }
}
