/// Training-hour rules of 生产经营单位安全培训规定 (原安监总局令第3号, amended):
/// R-HOURS-1 (principals and safety managers), R-HOURS-2 (other workers),
/// R-HOURS-3 (post change or return after a year away), R-EMP-3 (先培训后上岗).
/// "High-risk" is the training flag (`high_risk_training`), not the drill one.
public enum HoursRules {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// 三级教育 of a new hire: company, workshop, team.
        case inductionCompany = "induction_company"
        case inductionWorkshop = "induction_workshop"
        case inductionTeam = "induction_team"
        /// 每年再培训
        case annual
        /// 调整工作岗位或离岗一年以上重新上岗: workshop and team level again (R-HOURS-3).
        case postChange = "post_change"
        /// 采用新工艺、新技术、新材料或者使用新设备
        case newProcess = "new_process"
        /// 三违 warning education (R-3V-1)
        case warningEducation = "warning_education"
        /// 工伤预防培训 (R-WAVE-5)
        case injuryPrevention = "injury_prevention"
        /// 应急自救
        case emergencySelfRescue = "emergency_self_rescue"

        /// Hours that count towards the initial training before the first working day.
        public var countsAsInitial: Bool { [.inductionCompany, .inductionWorkshop, .inductionTeam].contains(self) }
    }

    /// Whether a role is held to R-HOURS-1 rather than R-HOURS-2.
    public static func isManagement(_ roles: Set<EmploymentRole>) -> Bool {
        !roles.isDisjoint(with: [.principal, .safetyManager])
    }

    /// R-HOURS-1/2: class hours before the first working day.
    public static func initialHours(management: Bool, highRisk: Bool) -> Int {
        management ? (highRisk ? 48 : 32) : (highRisk ? 72 : 24)
    }

    /// R-HOURS-1/2: class hours per year afterwards; nil where the order sets none
    /// (ordinary workers outside the high-risk sectors).
    public static func annualHours(management: Bool, highRisk: Bool) -> Int? {
        management ? (highRisk ? 16 : 12) : (highRisk ? 20 : nil)
    }

    public struct Event: Sendable, Equatable {
        public var kind: Kind
        public var date: CivilDate
        public var hours: Int
        public init(kind: Kind, date: CivilDate, hours: Int) {
            self.kind = kind
            self.date = date
            self.hours = hours
        }
    }

    public enum Shortfall: Sendable, Equatable {
        /// 未培训先上岗: started work before the initial hours were met.
        case untrainedAtStart(recorded: Int, required: Int)
        case annual(year: Int, recorded: Int, required: Int)
        /// R-HOURS-3: a post change (or a return after a year away) without workshop and team training after it.
        case postChange(since: CivilDate)

        public var rule: String {
            switch self {
            case .untrainedAtStart: "R-EMP-3"
            case .annual: "R-HOURS-1/2"
            case .postChange: "R-HOURS-3"
            }
        }
    }

    /// What a worker lacks on `date`: initial hours before `started` (the first
    /// working day), the annual hours of every full calendar year after the
    /// start year up to `date`'s year (the current year counts once it is over),
    /// and retraining after the latest post change.
    public static func shortfalls(events: [Event], started: CivilDate, postChangedOn: CivilDate?, management: Bool, highRisk: Bool,
                                  on date: CivilDate) -> [Shortfall] {
        var out: [Shortfall] = []
        let initial = events.filter { $0.kind.countsAsInitial && $0.date <= started }.reduce(0) { $0 + $1.hours }
        let needed = initialHours(management: management, highRisk: highRisk)
        if initial < needed { out.append(.untrainedAtStart(recorded: initial, required: needed)) }
        if let perYear = annualHours(management: management, highRisk: highRisk), date.year > started.year + 1 {
            for year in (started.year + 1)..<date.year {
                let done = events.filter { $0.date.year == year }.reduce(0) { $0 + $1.hours }
                if done < perYear { out.append(.annual(year: year, recorded: done, required: perYear)) }
            }
        }
        if let changed = postChangedOn, changed <= date,
           !events.contains(where: { $0.kind == .postChange && $0.date >= changed }) {
            out.append(.postChange(since: changed))
        }
        return out
    }
}
