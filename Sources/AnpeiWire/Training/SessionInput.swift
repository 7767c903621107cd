import AnpeiDomain

public struct SessionInput: Codable, Sendable {
    public var waveId: String
    /// Admins register on an institution's behalf; institutions register for themselves.
    public var institutionId: String?
    public var kind: String
    public var mainSessionId: String?
    public var title: String?
    public var venue: String
    public var regionCode: String
    public var startDate: String
    public var endDate: String
    public var hoursPerDay: Int
    public var capacity: Int
    public var modules: [String]
    /// The session ends in this exam (a blueprint id): trainees complete only with a pass.
    public var examBlueprintId: String?

    public init(waveId: String, institutionId: String? = nil, kind: String, mainSessionId: String? = nil, title: String? = nil,
                venue: String, regionCode: String, startDate: String, endDate: String, hoursPerDay: Int, capacity: Int,
                modules: [String], examBlueprintId: String? = nil) {
        self.examBlueprintId = examBlueprintId
        self.waveId = waveId
        self.institutionId = institutionId
        self.kind = kind
        self.mainSessionId = mainSessionId
        self.title = title
        self.venue = venue
        self.regionCode = regionCode
        self.startDate = startDate
        self.endDate = endDate
        self.hoursPerDay = hoursPerDay
        self.capacity = capacity
        self.modules = modules
    }
}
