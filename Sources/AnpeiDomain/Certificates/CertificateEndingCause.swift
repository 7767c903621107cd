/// Why a special-operations certificate was revoked (撤销, Art. 30) or cancelled
/// (注销, Art. 31): the fixed lists of R-CERT-7 / R-CERT-14.
public enum CertificateEndingCause: String, Sendable, Codable, CaseIterable {
    // Art. 30: revocation.
    case expiredWithoutReview = "expired_without_review"
    case noLongerFit = "no_longer_fit"
    case accidentResponsibility = "accident_responsibility"
    case falseInformation = "false_information"
    case fraudOrBribery = "fraud_or_bribery"
    // Art. 31: cancellation.
    case death
    case ownRequest = "own_request"
    case revoked

    public var isRevocation: Bool {
        switch self {
        case .expiredWithoutReview, .noLongerFit, .accidentResponsibility, .falseInformation, .fraudOrBribery: true
        case .death, .ownRequest, .revoked: false
        }
    }

    /// R-CERT-14: false information and fraud bar a new application for this
    /// many years from the revocation.
    public var barsNewApplicationYears: Int? {
        self == .falseInformation || self == .fraudOrBribery ? 3 : nil
    }

    public var label: LocalizedText {
        switch self {
        case .expiredWithoutReview: LocalizedText(zh: "超过有效期未延期复审", en: "expired without review")
        case .noLongerFit: LocalizedText(zh: "不再具备安全技术能力或身体条件", en: "no longer fit for the work")
        case .accidentResponsibility: LocalizedText(zh: "对发生的生产安全事故负有责任", en: "responsible for an accident")
        case .falseInformation: LocalizedText(zh: "提供虚假材料", en: "false information")
        case .fraudOrBribery: LocalizedText(zh: "以欺骗、贿赂等不正当手段取得", en: "obtained by fraud or bribery")
        case .death: LocalizedText(zh: "持证人死亡", en: "the holder died")
        case .ownRequest: LocalizedText(zh: "持证人提出注销申请", en: "the holder's own request")
        case .revoked: LocalizedText(zh: "特种作业操作证被撤销", en: "the certificate was revoked")
        }
    }
}
