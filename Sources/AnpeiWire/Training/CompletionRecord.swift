/// What the public verification of a completion code shows: the minimum that
/// proves the training (no document number).
public struct CompletionRecord: Codable, Sendable, Equatable {
    public var name: String
    public var waveTitle: String
    public var year: String
    public var institution: String
    public var startDate: String
    public var endDate: String
    public var completedOn: String
    public var code: String

    public init(name: String, waveTitle: String, year: String, institution: String, startDate: String, endDate: String,
                completedOn: String, code: String) {
        self.name = name
        self.waveTitle = waveTitle
        self.year = year
        self.institution = institution
        self.startDate = startDate
        self.endDate = endDate
        self.completedOn = completedOn
        self.code = code
    }
}
