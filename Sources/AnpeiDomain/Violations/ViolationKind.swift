/// The three kinds of 三违 (R-3V-2), and a failed 逢查必考 spot exam (R-3V-3),
/// which opens a retraining case exactly like a violation.
public enum ViolationKind: String, Codable, Sendable, CaseIterable {
    /// 违章指挥
    case illegalCommand = "illegal_command"
    /// 违章作业
    case illegalOperation = "illegal_operation"
    /// 违反劳动纪律
    case laborDiscipline = "labor_discipline"
    /// 逢查必考 failed
    case spotExamFailed = "spot_exam_failed"

    public var label: LocalizedText {
        switch self {
        case .illegalCommand: LocalizedText(zh: "违章指挥", en: "illegal command")
        case .illegalOperation: LocalizedText(zh: "违章作业", en: "illegal operation")
        case .laborDiscipline: LocalizedText(zh: "违反劳动纪律", en: "breach of labour discipline")
        case .spotExamFailed: LocalizedText(zh: "逢查必考未通过", en: "failed spot exam")
        }
    }

    /// The 三违 proper; a failed spot exam is not a violation for R-CERT-6.
    public var isViolation: Bool { self != .spotExamFailed }
}
