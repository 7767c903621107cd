import AnpeiDomain

/// A training event of an enterprise's ledger (R-HOURS-1/2/3, R-3V-1, R-WAVE-5)
/// with the people who attended. Recording the same event again (same kind,
/// date, hours, trainer and title) adds attendees to it.
public struct TrainingEventInput: Codable, Sendable {
    public var enterpriseId: String
    /// induction_company | induction_workshop | induction_team | annual | post_change | new_process |
    /// warning_education | injury_prevention | emergency_self_rescue
    public var kind: String
    public var date: String
    /// Class hours (学时), 1–200.
    public var hours: Int
    public var trainer: String?
    public var title: String?
    public var attendees: [String]

    public init(enterpriseId: String, kind: String, date: String, hours: Int, trainer: String? = nil, title: String? = nil, attendees: [String]) {
        self.enterpriseId = enterpriseId
        self.kind = kind
        self.date = date
        self.hours = hours
        self.trainer = trainer
        self.title = title
        self.attendees = attendees
    }
}

public struct TrainingEventView: Codable, Sendable, Equatable {
    public var id: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var kind: String
    public var kindLabel: String
    public var date: String
    public var hours: Int
    public var trainer: String
    public var title: String
    public var attendees: Int
    /// Attendees this request added (0 when all were recorded already).
    public var added: Int?

    public init(id: String, enterpriseId: String, enterpriseName: String, kind: String, kindLabel: String, date: String, hours: Int,
                trainer: String, title: String, attendees: Int, added: Int? = nil) {
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.kind = kind
        self.kindLabel = kindLabel
        self.date = date
        self.hours = hours
        self.trainer = trainer
        self.title = title
        self.attendees = attendees
        self.added = added
    }
}

/// The result of an attendance file: every bad row, or the events and
/// attendances written (for a dry run: that would be). All rows or none.
public struct LedgerImportReport: Codable, Sendable {
    public var enterpriseId: String
    public var encoding: TextEncoding
    public var sha256: String
    public var dryRun: Bool
    public var rows: Int
    public var accepted: Bool
    public var eventsCreated: Int
    public var attendancesAdded: Int
    /// Rows already in the ledger: left as they are, so a file can be sent again.
    public var unchanged: Int
    public var errors: [ImportReport.RowError]

    public init(enterpriseId: String, encoding: TextEncoding, sha256: String, dryRun: Bool, rows: Int = 0, accepted: Bool = false,
                eventsCreated: Int = 0, attendancesAdded: Int = 0, unchanged: Int = 0, errors: [ImportReport.RowError] = []) {
        self.enterpriseId = enterpriseId
        self.encoding = encoding
        self.sha256 = sha256
        self.dryRun = dryRun
        self.rows = rows
        self.accepted = accepted
        self.eventsCreated = eventsCreated
        self.attendancesAdded = attendancesAdded
        self.unchanged = unchanged
        self.errors = errors
    }
}
