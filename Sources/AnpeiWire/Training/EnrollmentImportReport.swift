import AnpeiDomain

/// The result of an enrolment file: every bad row, or what was (or, for a dry
/// run, would be) enrolled. Nothing is written unless every row is good.
public struct EnrollmentImportReport: Codable, Sendable {
    public var sessionId: String
    public var encoding: TextEncoding
    public var sha256: String
    public var dryRun: Bool
    public var rows: Int
    public var accepted: Bool
    public var enrolled: Int
    /// Rows already enrolled in the session: left as they are, so a file can be sent again.
    public var unchanged: Int
    public var errors: [ImportReport.RowError]

    public init(sessionId: String, encoding: TextEncoding, sha256: String, dryRun: Bool, rows: Int, accepted: Bool, enrolled: Int, unchanged: Int, errors: [ImportReport.RowError]) {
        self.sessionId = sessionId
        self.encoding = encoding
        self.sha256 = sha256
        self.dryRun = dryRun
        self.rows = rows
        self.accepted = accepted
        self.enrolled = enrolled
        self.unchanged = unchanged
        self.errors = errors
    }
}
