import AnpeiDomain

/// A wave as posted to the API or listed in a plan file.
public struct WaveInput: Codable, Sendable {
    public var jurisdiction: String?
    public var year: Int
    public var targetRole: String
    /// Required for sector and catch-up waves; absent for a SASAC batch.
    public var sector: String?
    /// sector (default) | sasac_batch | catch_up (R-WAVE-9).
    public var kind: String?
    /// For a SASAC batch: principal, deputy_principal, safety_department_head.
    public var targetRoles: [String]?
    /// For a SASAC batch: central, regional, prefecture.
    public var owners: [String]?
    public var organiser: String?
    public var batch: String?
    public var title: String
    public var minDays: Int?
    /// R-WAVE-8: class hours a training day has at least (default 6).
    public var minHoursPerDay: Int?
    public var requiredModules: [String]?
    public var delivery: String?
    public var departments: [String]?
    public var source: String?

    public init(jurisdiction: String?, year: Int, targetRole: String, sector: String?, title: String, minDays: Int? = nil,
                requiredModules: [String]? = nil, delivery: String? = nil, departments: [String]? = nil, source: String? = nil,
                minHoursPerDay: Int? = nil, kind: String? = nil, targetRoles: [String]? = nil, owners: [String]? = nil,
                organiser: String? = nil, batch: String? = nil) {
        self.kind = kind
        self.targetRoles = targetRoles
        self.owners = owners
        self.organiser = organiser
        self.batch = batch
        self.minHoursPerDay = minHoursPerDay
        self.jurisdiction = jurisdiction
        self.year = year
        self.targetRole = targetRole
        self.sector = sector
        self.title = title
        self.minDays = minDays
        self.requiredModules = requiredModules
        self.delivery = delivery
        self.departments = departments
        self.source = source
    }
}
