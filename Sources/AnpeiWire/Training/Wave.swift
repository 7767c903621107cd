import AnpeiDomain
import Foundation

public struct Wave: Codable, Sendable, Equatable {
    public var id: String
    public var jurisdiction: String?
    public var jurisdictionName: String?
    public var year: Int
    public var targetRole: WaveTargetRole
    /// Nil for a SASAC batch (R-WAVE-9).
    public var sectorCode: String?
    public var sectorName: String?
    public var title: String
    public var minDays: Int
    /// R-WAVE-8: class hours a training day has at least.
    public var minHoursPerDay: Int
    public var requiredModules: [TrainingModule]
    public var delivery: DeliveryModel
    public var departments: [String]
    public var source: String
    /// sector | sasac_batch | catch_up (R-WAVE-9).
    public var kind: WaveKind
    public var targetRoles: [EmploymentRole]
    public var owners: [EnterpriseOwnership]
    public var organiser: String?
    public var batch: String?

    public init(id: String, jurisdiction: String? = nil, jurisdictionName: String? = nil, year: Int, targetRole: WaveTargetRole, sectorCode: String?, sectorName: String?, title: String, minDays: Int, minHoursPerDay: Int = 6, requiredModules: [TrainingModule], delivery: DeliveryModel, departments: [String], source: String,
                kind: WaveKind = .sector, targetRoles: [EmploymentRole] = [], owners: [EnterpriseOwnership] = [], organiser: String? = nil,
                batch: String? = nil) {
        self.kind = kind
        self.targetRoles = targetRoles
        self.owners = owners
        self.organiser = organiser
        self.batch = batch
        self.id = id
        self.jurisdiction = jurisdiction
        self.jurisdictionName = jurisdictionName
        self.year = year
        self.targetRole = targetRole
        self.sectorCode = sectorCode
        self.sectorName = sectorName
        self.title = title
        self.minDays = minDays
        self.minHoursPerDay = minHoursPerDay
        self.requiredModules = requiredModules
        self.delivery = delivery
        self.departments = departments
        self.source = source
    }
}
