/// Why a review (复审 or 延期复审) was not passed: the cases of MEM-30 Art. 25
/// (R-CERT-6). Art. 26 lets the holder retrain and retest in the middle four
/// cases; in the others the certificate lapses at once (R-CERT-13).
public enum ReviewRefusalGround: String, Sendable, Codable, CaseIterable {
    case healthCheckFailed = "health_check_failed"
    case seriousViolations = "serious_violations"
    case safetyPenalty = "safety_penalty"
    case obstructedInspection = "obstructed_inspection"
    case trainingOrExamFailed = "training_or_exam_failed"
    case revocationGrounds = "revocation_grounds"

    /// Art. 26: cases (2)–(5) may retrain and retest (再复审).
    public var allowsRetest: Bool {
        switch self {
        case .seriousViolations, .safetyPenalty, .obstructedInspection, .trainingOrExamFailed: true
        case .healthCheckFailed, .revocationGrounds: false
        }
    }

    public var label: LocalizedText {
        switch self {
        case .healthCheckFailed: LocalizedText(zh: "健康体检不合格", en: "failed the health check")
        case .seriousViolations: LocalizedText(zh: "违章操作造成严重后果或者有2次以上违章行为", en: "serious or repeated violations")
        case .safetyPenalty: LocalizedText(zh: "有安全生产违法行为并受到行政处罚", en: "administrative penalty for a safety offence")
        case .obstructedInspection: LocalizedText(zh: "拒绝、阻碍监督检查", en: "obstructed an inspection")
        case .trainingOrExamFailed: LocalizedText(zh: "未按规定参加安全培训或者考试不合格", en: "did not train or failed the exam")
        case .revocationGrounds: LocalizedText(zh: "具有撤销或者注销情形", en: "falls under revocation or cancellation")
        }
    }
}
