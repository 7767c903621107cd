/// `GET /v1/reports/uncounted-completions` (R-INST-2): a completion issued by a
/// session whose institution could not act on the session's start or end date
/// (cleared out, rectifying past its deadline, or not yet inspected). It stays
/// on record but counts for no coverage; the regulator sees it here.
public struct UncountedCompletion: Codable, Sendable {
    public var sessionId: String
    public var sessionTitle: String
    public var institutionId: String
    public var institutionName: String
    public var waveTitle: String
    public var personId: String
    public var name: String
    public var documentMasked: String
    public var enterpriseName: String
    public var regionCode: String
    public var completedOn: String
    public var reason: String

    public init(sessionId: String, sessionTitle: String, institutionId: String, institutionName: String, waveTitle: String,
                personId: String, name: String, documentMasked: String, enterpriseName: String, regionCode: String,
                completedOn: String, reason: String) {
        self.sessionId = sessionId
        self.sessionTitle = sessionTitle
        self.institutionId = institutionId
        self.institutionName = institutionName
        self.waveTitle = waveTitle
        self.personId = personId
        self.name = name
        self.documentMasked = documentMasked
        self.enterpriseName = enterpriseName
        self.regionCode = regionCode
        self.completedOn = completedOn
        self.reason = reason
    }
}
