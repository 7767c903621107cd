/// R-INST-1/2: an institution's conformity on a date, from its status history
/// (each decision with the date it takes effect), never from its status today:
/// register, start, enrol and complete are each judged on their own date.
public enum InstitutionStanding {
    public struct Entry: Sendable, Equatable {
        public var status: InstitutionStatus
        public var deadline: CivilDate?
        public var effective: CivilDate
        /// Record order, for two decisions effective the same day (the later wins).
        public var sequence: Int
        public init(status: InstitutionStatus, deadline: CivilDate?, effective: CivilDate, sequence: Int) {
            self.status = status
            self.deadline = deadline
            self.effective = effective
            self.sequence = sequence
        }
    }

    /// R-INST-1: the full AQ 8011 inspection was due by the end of 2024 (S0 §5, S2 §19, S4 §19).
    public static let fullInspectionDeadline = CivilDate(year: 2024, month: 12, day: 31)!

    /// The decision in force on `date`; an institution with none yet is pending
    /// inspection (R-INST-2: only a passed inspection makes it conforming).
    public static func entry(on date: CivilDate, history: [Entry]) -> (status: InstitutionStatus, deadline: CivilDate?) {
        // The registration's pending entry is a record, not a decision: a
        // back-dated inspection result outranks it.
        let inForce = history.filter { $0.effective <= date && $0.status != .pendingInspection }
            .max { ($0.effective, $0.sequence) < ($1.effective, $1.sequence) }
        return inForce.map { ($0.status, $0.deadline) } ?? (.pendingInspection, nil)
    }

    /// R-INST-1/2: may the institution act (register a session, start it,
    /// enrol, complete) on `date`? Rectifying counts up to its deadline day.
    public static func mayAct(on date: CivilDate, history: [Entry]) -> Bool {
        let e = entry(on: date, history: history)
        return InstitutionStatus.mayAct(status: e.status, deadline: e.deadline, today: date)
    }

    /// R-INST-2: cleared-out is terminal; no decision takes effect after it, and
    /// none may be back-dated before it either (it would undo the clear-out).
    public static func refusal(adding status: InstitutionStatus, effective: CivilDate, history: [Entry]) -> LocalizedText? {
        if let out = history.filter({ $0.status == .clearedOut }).map(\.effective).min() {
            return LocalizedText(zh: "培训机构已于 \(out) 清退，清退后不能变更状态（R-INST-2）",
                                 en: "cleared out on \(out): the status cannot change any more (R-INST-2)")
        }
        if status == .pendingInspection {
            return LocalizedText(zh: "待检查只是新登记机构的初始状态", en: "pending inspection is only the initial status")
        }
        return nil
    }

    /// The decision an inspection result makes (R-INST-2): a pass conforms; a
    /// failure means rectifying with a deadline, or cleared out.
    public static func decision(forInspection result: String, rectifyDeadline: CivilDate?) -> (InstitutionStatus, CivilDate?)? {
        switch result {
        case "pass": (.conforming, nil)
        case "rectify": rectifyDeadline.map { (.rectifying, $0) }
        case "fail": (.clearedOut, nil)
        default: nil
        }
    }
}
