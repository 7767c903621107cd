import AnpeiDomain
import Foundation

/// A training wave as stored.
public struct WaveRecord: Codable, Sendable, Equatable {
    public var id: UUID
    public var jurisdiction: String?
    public var jurisdictionName: String?
    public var year: Int
    public var targetRole: WaveTargetRole
    public var sectorCode: String?
    public var sectorName: String?
    public var title: String
    public var minDays: Int
    public var minHoursPerDay: Int
    public var requiredModules: [TrainingModule]
    public var delivery: DeliveryModel
    public var departments: [String]
    public var source: String
    public var kind: WaveKind
    public var targetRoles: [EmploymentRole]
    public var owners: [EnterpriseOwnership]
    public var organiser: String?
    public var batch: String?

    public var domain: TrainingWave {
        TrainingWave(jurisdiction: jurisdiction, year: year, targetRole: targetRole, sectorCode: sectorCode, title: title,
                     minDays: minDays, minHoursPerDay: minHoursPerDay, requiredModules: requiredModules, delivery: delivery, departments: departments,
                     kind: kind, targetRoles: targetRoles, owners: owners, organiser: organiser, batch: batch)
    }
}

/// A registered session with its seat count.
public struct SessionRecord: Codable, Sendable, Equatable {
    public var id: UUID
    public var waveId: UUID
    public var waveTitle: String
    public var institutionId: UUID
    public var institutionName: String
    public var kind: WaveRules.SessionKind
    public var mainSessionId: UUID?
    public var title: String
    public var venue: String
    public var regionCode: RegionCode
    public var regionName: String
    public var startDate: CivilDate
    public var endDate: CivilDate
    public var hoursPerDay: Int
    public var capacity: Int
    public var modules: [TrainingModule]
    public var status: WaveRules.SessionStatus
    public var cancelReason: String?
    /// Seats taken (trainees and observers not released).
    public var seatsTaken: Int
    public var examBlueprintId: String?

    public var plan: WaveRules.SessionPlan {
        WaveRules.SessionPlan(kind: kind, region: regionCode, start: startDate, end: endDate,
                              hoursPerDay: hoursPerDay, capacity: capacity, modules: modules)
    }
}

/// One line of a session's roster.
public struct RosterRow: Codable, Sendable, Equatable {
    public var id: String
    public var observer: Bool
    public var personId: String?
    public var name: String
    /// Masked document number for trainees; the organisation for observers.
    public var document: String?
    public var organisation: String?
    public var enterpriseId: String?
    public var status: String
    public var presentDays: Int
    public var completedOn: String?
    public var completionCode: String?
}

/// Coverage counts of one wave in one region (or the whole queried region).
public struct CoverageRow: Sendable {
    public var waveID: String
    /// nil: the total over the queried region.
    public var region: String?
    public var target: Int
    public var completed: Int
    public var enrolled: Int
}

/// A person of a wave's target population who has not completed it.
public struct MissingRow: Codable, Sendable, Equatable {
    public var waveId: String
    public var waveTitle: String
    public var personId: String
    public var name: String
    public var documentMasked: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var regionCode: String
    /// enrolled | not_enrolled
    public var status: String
}
