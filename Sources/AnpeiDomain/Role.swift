/// The five kinds of account. Each non-admin role is tied to exactly one scope.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case regulator
    case institution
    case enterprise
    /// A worker signed in as themself (issue 12): sees only their own records.
    case worker

    public var label: LocalizedText {
        switch self {
        case .admin: LocalizedText(zh: "系统管理员", en: "administrator")
        case .regulator: LocalizedText(zh: "监管部门", en: "regulator")
        case .institution: LocalizedText(zh: "培训机构", en: "training institution")
        case .enterprise: LocalizedText(zh: "生产经营单位", en: "enterprise")
        case .worker: LocalizedText(zh: "从业人员", en: "worker")
        }
    }
}
