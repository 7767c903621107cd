/// R-WAVE-6/7/9: whether a person belongs to a wave's target population on an
/// as-of date, and whether they completed it. The coverage SQL evaluates the
/// same rule set-based for speed; a test runs both on generated cases and
/// compares them (STYLE: a rule SQL repeats has its twin here).
public enum WavePopulation {
    /// One employment of the person, in an enterprise inside the wave's
    /// jurisdiction and the region asked about (the caller filters by division).
    public struct Employment: Sendable, Equatable {
        public var enterpriseSectors: [String]
        public var keyEnterprise: Bool
        public var ownership: EnterpriseOwnership?
        /// The enterprise is active (not suspended or closed).
        public var active: Bool
        public var roles: [EmploymentRole]
        public var start: CivilDate
        public var end: CivilDate?
        public init(enterpriseSectors: [String], keyEnterprise: Bool = false, ownership: EnterpriseOwnership? = nil, active: Bool = true,
                    roles: [EmploymentRole], start: CivilDate, end: CivilDate? = nil) {
            self.enterpriseSectors = enterpriseSectors
            self.keyEnterprise = keyEnterprise
            self.ownership = ownership
            self.active = active
            self.roles = roles
            self.start = start
            self.end = end
        }
    }

    /// A trainee enrolment (not an observer's) in a session, not cancelled, of `wave`.
    public struct Attempt: Sendable, Equatable {
        public var wave: TrainingWave
        /// The completion date when it completed and counts (R-INST-2).
        public var completedOn: CivilDate?
        public init(wave: TrainingWave, completedOn: CivilDate?) {
            self.wave = wave
            self.completedOn = completedOn
        }
    }

    public enum Status: String, Sendable, Equatable {
        case completed, enrolled, notEnrolled = "not_enrolled"
    }

    /// Whether the employment's enterprise falls under the wave (R-WAVE-7, R-WAVE-9).
    static func covers(_ wave: TrainingWave, _ e: Employment, tree: SectorTree) -> Bool {
        switch wave.kind {
        case .sasacBatch: e.keyEnterprise && e.ownership.map(wave.owners.contains) == true
        case .sector, .catchUp: tree.covers(waveSector: wave.sectorCode, enterpriseSectors: e.enterpriseSectors)
        }
    }

    /// Whether an attempt in `other` counts for `wave` through employment `e`:
    /// same target role; the same year, or for a catch-up wave its year and the
    /// two before (any such principal training covers); SASAC batches count for
    /// each other only; sector waves where the enterprise falls under both.
    static func counts(_ other: TrainingWave, for wave: TrainingWave, via e: Employment, tree: SectorTree) -> Bool {
        guard other.targetRole == wave.targetRole else { return false }
        let yearOK = other.year == wave.year || (wave.kind == .catchUp && (wave.year - 2...wave.year).contains(other.year))
        guard yearOK else { return false }
        if wave.kind == .catchUp { return true }
        if wave.kind == .sasacBatch || other.kind == .sasacBatch { return wave.kind == other.kind }
        return tree.covers(waveSector: other.sectorCode, enterpriseSectors: e.enterpriseSectors)
    }

    /// The person's standing for `wave` on `asOf`; nil when not in its population.
    public static func status(_ employments: [Employment], attempts: [Attempt], wave: TrainingWave, asOf: CivilDate,
                              tree: SectorTree) -> Status? {
        let (yearStart, yearEnd) = wave.period
        // Candidates: the target roles at some time during the year, in an enterprise under the wave.
        let candidates = employments.filter { e in
            !Set(e.roles).isDisjoint(with: wave.targetRoles) && covers(wave, e, tree: tree)
                && e.start <= yearEnd && (e.end.map { $0 >= yearStart } ?? true)
        }
        guard !candidates.isEmpty else { return nil }
        func relevant(_ e: Employment) -> [Attempt] { attempts.filter { counts($0.wave, for: wave, via: e, tree: tree) } }
        func completedOn(_ e: Employment) -> CivilDate? {
            relevant(e).compactMap { $0.completedOn.flatMap { $0 <= asOf ? $0 : nil } }.min()
        }
        // R-WAVE-6: holding the role on the date in an active enterprise, or
        // having completed while holding it.
        let members = candidates.filter { e in
            let holds = e.start <= asOf && (e.end.map { $0 >= asOf } ?? true) && e.active
            let completedHolding = completedOn(e).map { day in day >= e.start && (e.end.map { day <= $0 } ?? true) } ?? false
            return holds || completedHolding
        }
        guard !members.isEmpty else { return nil }
        if candidates.contains(where: { completedOn($0) != nil }) { return .completed }
        return members.contains { !relevant($0).isEmpty } ? .enrolled : .notEnrolled
    }
}
