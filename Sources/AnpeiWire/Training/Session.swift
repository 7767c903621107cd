import AnpeiDomain
import Foundation

public struct Session: Codable, Sendable, Equatable {
    public var id: String
    public var waveId: String
    public var waveTitle: String
    public var institutionId: String
    public var institutionName: String
    public var kind: WaveRules.SessionKind
    public var mainSessionId: String?
    public var title: String
    public var venue: String
    public var regionCode: String
    public var regionName: String
    public var startDate: String
    public var endDate: String
    public var hoursPerDay: Int
    public var capacity: Int
    public var modules: [TrainingModule]
    public var status: WaveRules.SessionStatus
    public var cancelReason: String?
    /// Seats taken (trainees and observers not released).
    public var seatsTaken: Int
    /// Trainees complete only with a pass of this blueprint's exam.
    public var examBlueprintId: String?

    public init(id: String, waveId: String, waveTitle: String, institutionId: String, institutionName: String, kind: WaveRules.SessionKind, mainSessionId: String? = nil, title: String, venue: String, regionCode: String, regionName: String, startDate: String, endDate: String, hoursPerDay: Int, capacity: Int, modules: [TrainingModule], status: WaveRules.SessionStatus, cancelReason: String? = nil, seatsTaken: Int, examBlueprintId: String? = nil) {
        self.examBlueprintId = examBlueprintId
        self.id = id
        self.waveId = waveId
        self.waveTitle = waveTitle
        self.institutionId = institutionId
        self.institutionName = institutionName
        self.kind = kind
        self.mainSessionId = mainSessionId
        self.title = title
        self.venue = venue
        self.regionCode = regionCode
        self.regionName = regionName
        self.startDate = startDate
        self.endDate = endDate
        self.hoursPerDay = hoursPerDay
        self.capacity = capacity
        self.modules = modules
        self.status = status
        self.cancelReason = cancelReason
        self.seatsTaken = seatsTaken
    }
}
