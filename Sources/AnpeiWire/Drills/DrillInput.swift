/// A drill planned (recorded false) or held and recorded (R-DRILL-1).
public struct DrillInput: Codable, Sendable {
    public struct AreaEntry: Codable, Sendable {
        public var areaId: String
        /// People who took part (a recorded drill); absent for a plan.
        public var participants: Int?
        public init(areaId: String, participants: Int? = nil) {
            self.areaId = areaId
            self.participants = participants
        }
    }

    public var enterpriseId: String
    public var date: String
    /// HH:MM
    public var time: String?
    /// fire | gas_leak | earthquake | flooding | underground_evacuation | other
    public var scenario: String
    public var recorded: Bool?
    public var areas: [AreaEntry]
    public var evacuationSeconds: Int?
    public var problems: String?
    public var fixes: String?
    public var organiser: String?
    public var evidence: String?

    public init(enterpriseId: String, date: String, time: String? = nil, scenario: String, recorded: Bool? = nil, areas: [AreaEntry],
                evacuationSeconds: Int? = nil, problems: String? = nil, fixes: String? = nil, organiser: String? = nil, evidence: String? = nil) {
        self.enterpriseId = enterpriseId
        self.date = date
        self.time = time
        self.scenario = scenario
        self.recorded = recorded
        self.areas = areas
        self.evacuationSeconds = evacuationSeconds
        self.problems = problems
        self.fixes = fixes
        self.organiser = organiser
        self.evidence = evidence
    }
}
