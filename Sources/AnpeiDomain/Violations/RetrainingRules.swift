/// R-3V-2/3/4: a violation (or a failed spot exam) takes the person off post
/// until the off-duty retraining hours are recorded and an exam is passed after
/// it. Hours are rule data: 8 class hours per case, 16 for a repeat within 12
/// months; one retake of the exam, then retraining again.
public struct RetrainingRules: Codable, Sendable, Equatable {
    public var hours: Int
    public var repeatHours: Int
    public var repeatWindowMonths: Int
    /// A case open longer than this many days is overdue (regulators' report).
    public var overdueDays: Int

    public init(hours: Int = 8, repeatHours: Int = 16, repeatWindowMonths: Int = 12, overdueDays: Int = 30) {
        self.hours = hours
        self.repeatHours = repeatHours
        self.repeatWindowMonths = repeatWindowMonths
        self.overdueDays = overdueDays
    }

    public static let defaults = RetrainingRules()

    /// Whether a violation on `date` repeats one of `earlier` (other, not
    /// superseded, violations of the same person) within the window: a
    /// violation on or after the same day `repeatWindowMonths` before.
    public func isRepeat(on date: CivilDate, earlier: [CivilDate]) -> Bool {
        let from = date.adding(months: -repeatWindowMonths)
        return earlier.contains { $0 >= from && $0 <= date }
    }

    public func requiredHours(on date: CivilDate, earlier: [CivilDate]) -> Int {
        isRepeat(on: date, earlier: earlier) ? repeatHours : hours
    }

    /// R-3V-2: reinstated only with the hours recorded and an exam passed on or
    /// after the day of the violation. Returns what is missing (empty: may return).
    public func missing(requiredHours: Int, recordedHours: Int, violationOn: CivilDate, passedExams: [CivilDate]) -> [Missing] {
        var out: [Missing] = []
        if recordedHours < requiredHours { out.append(.hours(recorded: recordedHours, required: requiredHours)) }
        if !passedExams.contains(where: { $0 >= violationOn }) { out.append(.exam) }
        return out
    }

    public enum Missing: Sendable, Equatable {
        case hours(recorded: Int, required: Int)
        case exam

        public var message: LocalizedText {
            switch self {
            case .hours(let r, let q):
                LocalizedText(zh: "脱岗再培训学时不足：已记录\(r)学时，须\(q)学时（R-3V-4）", en: "retraining hours: \(r) of \(q) recorded (R-3V-4)")
            case .exam:
                LocalizedText(zh: "违章后尚无考试合格记录（R-3V-2）", en: "no exam passed since the violation (R-3V-2)")
            }
        }
    }

    /// Open longer than `overdueDays` on `date`.
    public func isOverdue(openedOn: CivilDate, on date: CivilDate) -> Bool {
        openedOn < overdueCutoff(on: date)
    }

    /// Cases opened before this day are overdue on `date` (for queries over many cases).
    public func overdueCutoff(on date: CivilDate) -> CivilDate { date.adding(days: -overdueDays) }

    /// Repeat violators: two or more violations within any 12 months up to `date`.
    public func isRepeatViolator(_ dates: [CivilDate], on date: CivilDate) -> Bool {
        let from = date.adding(months: -repeatWindowMonths)
        return dates.filter { $0 >= from && $0 <= date }.count >= 2
    }
}
