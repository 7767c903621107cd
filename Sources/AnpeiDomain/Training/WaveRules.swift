import Foundation

/// R-WAVE-*: the rules for waves, sessions, enrolment and completion. Pure:
/// the service layer gathers the facts and applies these.
public enum WaveRules {
    /// R-WAVE-2: at least three days.
    public static let minimumDays = 3
    /// R-WAVE-8: "不少于3天" means full training days of at least this many class
    /// hours (the default of a wave's rule data).
    public static let minimumHoursPerDay = 6

    /// A wave as defined: at least 3 days, content from the R-WAVE-2 list, a plausible year.
    public static func check(_ wave: TrainingWave) -> [FieldError] {
        var errors: [FieldError] = []
        if wave.minDays < minimumDays {
            errors.append(FieldError(field: "minDays", code: "below_minimum", message: LocalizedText(
                zh: "专题培训不少于\(minimumDays)天（R-WAVE-2）", en: "at least \(minimumDays) days (R-WAVE-2)")))
        } else if wave.minDays > 365 {
            errors.append(FieldError(field: "minDays", code: "out_of_range", message: LocalizedText(
                zh: "培训天数须在\(minimumDays)至365之间", en: "days must be between \(minimumDays) and 365")))
        }
        if !(2000...2100).contains(wave.year) {
            errors.append(FieldError(field: "year", code: "out_of_range", message: LocalizedText(zh: "年度无效", en: "invalid year")))
        }
        if wave.title.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "title", code: "required", message: LocalizedText(zh: "必填", en: "required")))
        }
        if !(1...12).contains(wave.minHoursPerDay) {
            errors.append(FieldError(field: "minHoursPerDay", code: "out_of_range", message: LocalizedText(
                zh: "每日最少学时须在1至12之间", en: "minimum hours per day must be 1–12")))
        }
        // R-WAVE-9: the shape of each kind of wave.
        switch wave.kind {
        case .sector, .catchUp:
            if wave.sectorCode == nil {
                errors.append(FieldError(field: "sector", code: "required", message: LocalizedText(zh: "行业领域批次须指定行业", en: "a sector is required")))
            }
            if wave.kind == .catchUp && wave.targetRole != .principal {
                errors.append(FieldError(field: "targetRole", code: "invalid", message: LocalizedText(
                    zh: "补训批次面向主要负责人（R-WAVE-9）", en: "catch-up training is for principals (R-WAVE-9)")))
            }
        case .sasacBatch:
            if wave.sectorCode != nil {
                errors.append(FieldError(field: "sector", code: "not_allowed", message: LocalizedText(
                    zh: "国资委分批培训不分行业（R-WAVE-9）", en: "a SASAC batch has no sector (R-WAVE-9)")))
            }
            if wave.owners.isEmpty {
                errors.append(FieldError(field: "owners", code: "required", message: LocalizedText(
                    zh: "须指定企业隶属（中央在藏、区属、地市属）", en: "name the owners of the enterprises trained")))
            }
            if wave.organiser?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                errors.append(FieldError(field: "organiser", code: "required", message: LocalizedText(zh: "须写明组织单位", en: "name the organiser")))
            }
            let allowed: Set<EmploymentRole> = [.principal, .deputyPrincipal, .safetyDepartmentHead]
            if wave.targetRoles.isEmpty || !Set(wave.targetRoles).isSubset(of: allowed) || wave.targetRole != .principal {
                errors.append(FieldError(field: "targetRoles", code: "invalid", message: LocalizedText(
                    zh: "国资委分批培训对象为主要负责人、分管负责人、安全生产业务部门负责人", en: "principals, deputies and safety-department heads")))
            }
        }
        if wave.requiredModules.isEmpty {
            errors.append(FieldError(field: "requiredModules", code: "required", message: LocalizedText(
                zh: "须列明培训内容模块（R-WAVE-2）", en: "list the required content modules (R-WAVE-2)")))
        }
        return errors
    }

    /// "A region is subject to the waves of its own level and every level
    /// above it": the wave's jurisdiction is the nation or contains `region`.
    public static func applies(_ wave: TrainingWave, to region: RegionCode) -> Bool {
        guard let j = wave.jurisdiction else { return true }
        guard let code = RegionCode(j) else { return false }
        return code.contains(region)
    }

    public enum SessionKind: String, Sendable, Codable, CaseIterable {
        case main, sub, independent
    }

    /// What a session registration states.
    public struct SessionPlan: Sendable, Equatable {
        public var kind: SessionKind
        public var region: RegionCode
        public var start: CivilDate
        public var end: CivilDate
        public var hoursPerDay: Int
        public var capacity: Int
        public var modules: [TrainingModule]
        public init(kind: SessionKind, region: RegionCode, start: CivilDate, end: CivilDate, hoursPerDay: Int, capacity: Int,
                    modules: [TrainingModule]) {
            self.kind = kind
            self.region = region
            self.start = start
            self.end = end
            self.hoursPerDay = hoursPerDay
            self.capacity = capacity
            self.modules = modules
        }

        /// Calendar days from start to end, both included.
        public var days: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }
    }

    /// Why a session cannot be registered for `wave` (empty when it can): dates
    /// out of order or outside the wave's year, shorter than the wave's minimum,
    /// a required module missing (R-WAVE-2), outside the wave's jurisdiction, a
    /// delivery model the wave does not use, a sub-classroom whose dates differ
    /// from its main classroom's (R-WAVE-1).
    public static func sessionRefusals(_ plan: SessionPlan, wave: TrainingWave, main: SessionPlan?) -> [FieldError] {
        var errors: [FieldError] = []
        func add(_ field: String, _ code: String, _ zh: String, _ en: String) {
            errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
        }
        if plan.end < plan.start {
            add("endDate", "before_start", "结束日期早于开始日期", "ends before it starts")
        } else {
            let (from, to) = wave.period
            if plan.start < from || plan.end > to {
                add("startDate", "outside_wave_year", "培训日期须在\(wave.year)年度内", "dates must lie in \(wave.year)")
            }
            if plan.days < wave.minDays {
                add("endDate", "too_short", "培训\(plan.days)天，少于本批次要求的\(wave.minDays)天（R-WAVE-2）",
                    "\(plan.days) days, the wave requires \(wave.minDays) (R-WAVE-2)")
            }
        }
        let missing = Set(wave.requiredModules).subtracting(plan.modules).sorted()
        if !missing.isEmpty {
            add("modules", "module_missing", "缺少规定培训内容：" + missing.map(\.label.zh).joined(separator: "、") + "（R-WAVE-2）",
                "required content missing: " + missing.map(\.label.en).joined(separator: ", ") + " (R-WAVE-2)")
        }
        if !(1...12).contains(plan.hoursPerDay) {
            add("hoursPerDay", "out_of_range", "每日学时须在1–12之间", "hours per day must be 1–12")
        } else if plan.hoursPerDay < wave.minHoursPerDay {
            add("hoursPerDay", "hours_below_minimum", "每个培训日不少于\(wave.minHoursPerDay)学时（R-WAVE-8），登记为\(plan.hoursPerDay)学时",
                "each training day has at least \(wave.minHoursPerDay) class hours (R-WAVE-8)")
        }
        if !(1...10_000).contains(plan.capacity) {
            add("capacity", "out_of_range", "容量须在1至10000之间", "capacity must be between 1 and 10000")
        }
        if !applies(wave, to: plan.region) {
            add("regionCode", "outside_jurisdiction", "培训地点不在本批次的辖区内", "the venue's region is outside the wave's jurisdiction")
        }
        switch (wave.delivery, plan.kind) {
        case (.mainSub, .independent):
            add("kind", "delivery_model", "本批次采用“主课堂+分课堂”模式，须登记主课堂或分课堂", "this wave uses a main classroom with sub-classrooms")
        case (.independent, .main), (.independent, .sub):
            add("kind", "delivery_model", "本批次为独立培训班，不设主、分课堂", "this wave uses independent sessions")
        default: break
        }
        if plan.kind == .sub {
            if let main {
                if main.kind != .main {
                    add("mainSessionId", "not_a_main_classroom", "所指课堂不是主课堂", "the referenced session is not a main classroom")
                } else if main.start != plan.start || main.end != plan.end {
                    add("startDate", "not_synchronised", "分课堂须与主课堂同步（\(main.start)至\(main.end)）",
                        "a sub-classroom shares its main classroom's dates (\(main.start) to \(main.end))")
                }
            } else {
                add("mainSessionId", "required", "分课堂须指定主课堂", "a sub-classroom names its main classroom")
            }
        }
        return errors
    }

    public enum SessionStatus: String, Sendable, Codable, CaseIterable {
        case registered
        case inProgress = "in_progress"
        case completed
        case cancelled

        public var label: LocalizedText {
            switch self {
            case .registered: LocalizedText(zh: "已登记", en: "registered")
            case .inProgress: LocalizedText(zh: "进行中", en: "in progress")
            case .completed: LocalizedText(zh: "已结业", en: "completed")
            case .cancelled: LocalizedText(zh: "已取消", en: "cancelled")
            }
        }
    }

    /// registered → in progress → completed; registered or in progress → cancelled.
    public static func mayMove(from: SessionStatus, to: SessionStatus) -> Bool {
        switch (from, to) {
        case (.registered, .inProgress), (.inProgress, .completed), (.registered, .cancelled), (.inProgress, .cancelled): true
        default: false
        }
    }

    /// One trainee's attendance: days present, and days absent with an
    /// approved make-up (补课) recorded.
    public struct Attendance: Sendable, Equatable {
        public var present: Set<CivilDate>
        public var madeUp: Set<CivilDate>
        public init(present: Set<CivilDate>, madeUp: Set<CivilDate> = []) {
            self.present = present
            self.madeUp = madeUp
        }
    }

    /// R-WAVE-8: a trainee completes when every scheduled day of the session
    /// (start to end) was attended, or missed with an approved absence made
    /// up, and those days reach the wave's minimum (and, when the wave requires
    /// an exam, once it is passed).
    public static func completes(_ attendance: Attendance, start: CivilDate, end: CivilDate, wave: TrainingWave,
                                 examPassed: Bool? = nil) -> Bool {
        guard start <= end else { return false }
        var day = start
        var counted = 0
        while day <= end {
            guard attendance.present.contains(day) || attendance.madeUp.contains(day) else { return false }
            counted += 1
            day = day.adding(days: 1)
        }
        return counted >= wave.minDays && examPassed != false
    }

    /// Whether two date ranges share a day (a person attends one session at a time).
    public static func overlap(_ a: (CivilDate, CivilDate), _ b: (CivilDate, CivilDate)) -> Bool {
        a.0 <= b.1 && b.0 <= a.1
    }
}
