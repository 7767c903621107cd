/// R-WAVE-2: the content a principal-leader training must cover.
public enum TrainingModule: String, Sendable, Codable, CaseIterable, Comparable {
    case xiExpositions = "xi_expositions"
    case nationalPolicy = "national_policy"
    case workSafetyLaw = "work_safety_law"
    case fireProtectionLaw = "fire_protection_law"
    case emergencyRegulations = "emergency_regulations"
    case accidentWarning = "accident_warning"
    case sectorSpecific = "sector_specific"

    public var label: LocalizedText {
        switch self {
        case .xiExpositions: LocalizedText(zh: "习近平总书记关于安全生产重要论述", en: "Xi Jinping's expositions on work safety")
        case .nationalPolicy: LocalizedText(zh: "国家安全生产方针政策", en: "national work-safety policy")
        case .workSafetyLaw: LocalizedText(zh: "安全生产法", en: "Work Safety Law")
        case .fireProtectionLaw: LocalizedText(zh: "消防法", en: "Fire Protection Law")
        case .emergencyRegulations: LocalizedText(zh: "生产安全事故应急条例", en: "Regulations on Emergency Response to Production Safety Accidents")
        case .accidentWarning: LocalizedText(zh: "事故警示教育", en: "accident warning education")
        case .sectorSpecific: LocalizedText(zh: "行业领域专业内容", en: "sector-specific content")
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Who a wave trains (R-WAVE-1).
public enum WaveTargetRole: String, Sendable, Codable, CaseIterable {
    case principal
    case fireSafetyResponsible = "fire_safety_responsible"

    public var employmentRole: EmploymentRole { self == .principal ? .principal : .fireSafetyResponsible }
    /// The institution training kind (AQ 8011 scope) needed to deliver it.
    public var trainingKind: TrainingKind { self == .principal ? .principal : .fireSafety }
}

/// What a wave trains (R-WAVE-4, R-WAVE-9): the principals of a sector; a
/// SASAC batch of key state enterprises' leaders by owner, without a sector;
/// or catch-up training of a key sector's principals not yet covered.
public enum WaveKind: String, Sendable, Codable, CaseIterable {
    case sector
    case sasacBatch = "sasac_batch"
    case catchUp = "catch_up"
}

/// R-WAVE-9: who owns a state enterprise, for the SASAC batches (S4 §4).
public enum EnterpriseOwnership: String, Sendable, Codable, CaseIterable {
    /// 中央在藏 (a central enterprise in the region).
    case central
    /// 区属 (the region's own).
    case regional
    /// 地市属 (a prefecture's).
    case prefecture

    public var label: LocalizedText {
        switch self {
        case .central: LocalizedText(zh: "中央在藏（驻地央企）", en: "central enterprise in the region")
        case .regional: LocalizedText(zh: "区属", en: "regional state enterprise")
        case .prefecture: LocalizedText(zh: "地市属", en: "prefecture state enterprise")
        }
    }
}

/// R-WAVE-1: one main classroom with synchronised sub-classrooms, or independent sessions.
public enum DeliveryModel: String, Sendable, Codable, CaseIterable {
    case mainSub = "main_sub"
    case independent
}

/// A training wave (专题培训批次): one jurisdiction × year × target role × sector
/// or unit type. A nil jurisdiction is the national baseline.
public struct TrainingWave: Sendable, Codable, Equatable {
    public var jurisdiction: String?
    public var year: Int
    public var targetRole: WaveTargetRole
    /// Nil for a SASAC batch (R-WAVE-9: no sector).
    public var sectorCode: String?
    public var title: String
    public var kind: WaveKind
    /// The employment roles trained: the target role's, or for a SASAC batch
    /// principals, deputies in charge and safety-department heads (R-WAVE-9).
    public var targetRoles: [EmploymentRole]
    /// R-WAVE-9: the owners of the key enterprises a SASAC batch trains.
    public var owners: [EnterpriseOwnership]
    /// Who organises it (e.g. 自治区国资委).
    public var organiser: String?
    /// The batch's label (第一批 …), part of its identity.
    public var batch: String?
    public var minDays: Int
    /// R-WAVE-8: class hours a training day has at least (rule data, default 6).
    public var minHoursPerDay: Int
    public var requiredModules: [TrainingModule]
    public var delivery: DeliveryModel
    public var departments: [String]

    public init(jurisdiction: String?, year: Int, targetRole: WaveTargetRole, sectorCode: String?, title: String,
                minDays: Int = WaveRules.minimumDays, minHoursPerDay: Int = WaveRules.minimumHoursPerDay,
                requiredModules: [TrainingModule] = TrainingModule.allCases,
                delivery: DeliveryModel = .mainSub, departments: [String] = [], kind: WaveKind = .sector,
                targetRoles: [EmploymentRole]? = nil, owners: [EnterpriseOwnership] = [], organiser: String? = nil, batch: String? = nil) {
        self.kind = kind
        self.targetRoles = targetRoles ?? [targetRole.employmentRole]
        self.owners = owners
        self.organiser = organiser
        self.batch = batch
        self.minHoursPerDay = minHoursPerDay
        self.jurisdiction = jurisdiction
        self.year = year
        self.targetRole = targetRole
        self.sectorCode = sectorCode
        self.title = title
        self.minDays = minDays
        self.requiredModules = requiredModules
        self.delivery = delivery
        self.departments = departments
    }

    /// First and last day of the wave's year.
    public var period: (from: CivilDate, to: CivilDate) {
        (CivilDate(year: year, month: 1, day: 1)!, CivilDate(year: year, month: 12, day: 31)!)
    }

    /// Waves of the same year, role and sector at different levels train the
    /// same people: completing one of them completes all (a county's
    /// implementation of the national wave is the national wave for its people).
    /// `SectorTree.equivalent` extends this down the sector hierarchy (R-WAVE-7).
    public func isEquivalent(to other: TrainingWave) -> Bool {
        year == other.year && targetRole == other.targetRole && sectorCode == other.sectorCode
    }
}
