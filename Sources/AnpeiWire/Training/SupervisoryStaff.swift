/// A member of a regulator's staff and the sessions they observed.
public struct SupervisoryStaff: Codable, Sendable, Equatable {
    public var id: String
    public var personId: String
    public var name: String
    public var documentMasked: String
    public var authority: String
    public var regionCode: String
    public var startDate: String
    public var endDate: String?
    /// Sessions of the period attended as an observer (present on at least one day).
    public var sessionsObserved: Int
    public var lastObserved: String?

    public init(id: String, personId: String, name: String, documentMasked: String, authority: String, regionCode: String,
                startDate: String, endDate: String? = nil, sessionsObserved: Int, lastObserved: String? = nil) {
        self.id = id
        self.personId = personId
        self.name = name
        self.documentMasked = documentMasked
        self.authority = authority
        self.regionCode = regionCode
        self.startDate = startDate
        self.endDate = endDate
        self.sessionsObserved = sessionsObserved
        self.lastObserved = lastObserved
    }
}
