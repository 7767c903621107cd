/// A drill as stored, with the areas it covered as they were on its day.
public struct DrillView: Codable, Sendable, Equatable {
    public struct AreaRow: Codable, Sendable, Equatable {
        public var areaId: String?
        public var kind: String
        public var name: String
        public var headcount: Int
        public var participants: Int
        public init(areaId: String?, kind: String, name: String, headcount: Int, participants: Int) {
            self.areaId = areaId
            self.kind = kind
            self.name = name
            self.headcount = headcount
            self.participants = participants
        }
    }

    public var id: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var date: String
    public var time: String?
    public var scenario: String
    public var recorded: Bool
    public var areas: [AreaRow]
    public var evacuationSeconds: Int?
    public var problems: String
    public var fixes: String
    public var organiser: String
    public var evidence: String

    public init(id: String, enterpriseId: String, enterpriseName: String, date: String, time: String?, scenario: String, recorded: Bool,
                areas: [AreaRow], evacuationSeconds: Int?, problems: String, fixes: String, organiser: String, evidence: String) {
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
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

/// An enterprise's drill duties for a year and where each stands on a date.
public struct DrillScheduleView: Codable, Sendable, Equatable {
    public struct Slot: Codable, Sendable, Equatable {
        /// 2026, 2026-H1, 2026-H2
        public var period: String
        public var due: String
        public var areaId: String?
        public var areaKind: String?
        public var areaName: String?
        public var headcount: Int?
        /// planned | due | done | overdue | not_due
        public var state: String
        public var code: String
        public var reason: String
        public var date: String?
        public init(period: String, due: String, areaId: String?, areaKind: String?, areaName: String?, headcount: Int?, state: String,
                    code: String, reason: String, date: String?) {
            self.period = period
            self.due = due
            self.areaId = areaId
            self.areaKind = areaKind
            self.areaName = areaName
            self.headcount = headcount
            self.state = state
            self.code = code
            self.reason = reason
            self.date = date
        }
    }

    public var enterpriseId: String
    public var enterpriseName: String
    public var year: Int
    public var date: String
    public var highRiskDrill: Bool
    public var rule: DrillRuleView
    public var slots: [Slot]

    public init(enterpriseId: String, enterpriseName: String, year: Int, date: String, highRiskDrill: Bool, rule: DrillRuleView, slots: [Slot]) {
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.year = year
        self.date = date
        self.highRiskDrill = highRiskDrill
        self.rule = rule
        self.slots = slots
    }
}
