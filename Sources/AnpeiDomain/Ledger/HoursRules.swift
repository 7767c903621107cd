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

        /// R-HOURS-3: workshop and team training after a post change, whether
        /// recorded as such or as the workshop and team levels of 三级教育.
        public var countsAsPostChange: Bool { [.postChange, .inductionWorkshop, .inductionTeam].contains(self) }

        public var label: LocalizedText {
            switch self {
            case .inductionCompany: LocalizedText(zh: "三级教育（厂级）", en: "induction: company level")
            case .inductionWorkshop: LocalizedText(zh: "三级教育（车间级）", en: "induction: workshop level")
            case .inductionTeam: LocalizedText(zh: "三级教育（班组级）", en: "induction: team level")
            case .annual: LocalizedText(zh: "年度再培训", en: "annual refresher")
            case .postChange: LocalizedText(zh: "转岗或离岗一年以上复岗培训", en: "post change or return after a year")
            case .newProcess: LocalizedText(zh: "新工艺新技术新材料新设备培训", en: "new process or equipment")
            case .warningEducation: LocalizedText(zh: "“三违”事故警示教育", en: "三违 warning education")
            case .injuryPrevention: LocalizedText(zh: "工伤预防能力提升培训", en: "work-injury prevention")
            case .emergencySelfRescue: LocalizedText(zh: "应急自救互救培训", en: "emergency self-rescue")
            }
        }

        /// A key or its Chinese label, as a file may hold either.
        public init?(keyOrLabel s: String) {
            if let k = Kind(rawValue: s) { self = k; return }
            guard let k = Kind.allCases.first(where: { $0.label.zh == s }) else { return nil }
            self = k
        }
    }

    /// R-HOURS-3: a return after this many days away counts as a post change.
    public static let returnAfterDays = 365

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

        public var code: String {
            switch self {
            case .untrainedAtStart: "untrained_at_start"
            case .annual: "annual_hours_short"
            case .postChange: "post_change_training_missing"
            }
        }

        public var message: LocalizedText {
            switch self {
            case .untrainedAtStart(let recorded, let required):
                LocalizedText(zh: "未培训先上岗：上岗前仅 \(recorded) 学时，应不少于 \(required) 学时",
                              en: "started work with \(recorded) of the \(required) class hours required before the first day")
            case .annual(let year, let recorded, let required):
                LocalizedText(zh: "\(year) 年再培训 \(recorded) 学时，应不少于 \(required) 学时",
                              en: "\(recorded) of \(required) class hours of refresher training in \(year)")
            case .postChange(let since):
                LocalizedText(zh: "\(since) 转岗（或离岗一年以上复岗）后未接受车间、班组级安全培训",
                              en: "no workshop and team training since the post change of \(since)")
            }
        }
    }

    /// R-EMP-3: the 三级教育 hours recorded on or before the first working day.
    public static func initialRecorded(events: [Event], started: CivilDate) -> Int {
        events.filter { $0.kind.countsAsInitial && $0.date <= started }.reduce(0) { $0 + $1.hours }
    }

    /// What a worker lacks on `date`: initial hours before `started` (the first
    /// working day), the annual hours of the last full calendar year before
    /// `date`'s year when it is after the start year (the current year counts
    /// once it is over; earlier years are history, not a present duty, and a
    /// ledger begun in anpei would otherwise show every year before it as
    /// missed), and retraining after the latest post change.
    public static func shortfalls(events: [Event], started: CivilDate, postChangedOn: CivilDate?, management: Bool, highRisk: Bool,
                                  on date: CivilDate) -> [Shortfall] {
        var out: [Shortfall] = []
        let initial = initialRecorded(events: events, started: started)
        let needed = initialHours(management: management, highRisk: highRisk)
        if initial < needed { out.append(.untrainedAtStart(recorded: initial, required: needed)) }
        if let perYear = annualHours(management: management, highRisk: highRisk), date.year - 1 > started.year {
            let year = date.year - 1
            let done = events.filter { $0.date.year == year }.reduce(0) { $0 + $1.hours }
            if done < perYear { out.append(.annual(year: year, recorded: done, required: perYear)) }
        }
        if let changed = postChangedOn, changed <= date,
           !events.contains(where: { $0.kind.countsAsPostChange && $0.date >= changed }) {
            out.append(.postChange(since: changed))
        }
        return out
    }

    /// The first working day at an enterprise and the day of a return after a
    /// year or more away (R-HOURS-3), from the person's employment spells
    /// there: initial training is judged at the first day; a return is a post change.
    public static func firstDay(spells: [(start: CivilDate, end: CivilDate?)]) -> (started: CivilDate, returnedOn: CivilDate?)? {
        let sorted = spells.sorted { $0.start < $1.start }
        guard let first = sorted.first else { return nil }
        var returned: CivilDate?
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            if let end = previous.end, next.start >= end.adding(days: returnAfterDays) { returned = next.start }
        }
        return (first.start, returned)
    }

    /// The post change R-HOURS-3 looks at: the later of a recorded change and a return.
    public static func latestChange(_ a: CivilDate?, _ b: CivilDate?) -> CivilDate? {
        switch (a, b) {
        case (let x?, let y?): max(x, y)
        case (let x?, nil): x
        case (nil, let y): y
        }
    }
}
