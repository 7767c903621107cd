import Foundation

/// Roles a person holds in an enterprise (several at once).
public enum EmploymentRole: String, Sendable, Codable, CaseIterable {
    case principal                       // 主要负责人
    case fireSafetyResponsible = "fire_safety_responsible"  // 消防安全责任人
    case safetyManager = "safety_manager"              // 安全生产管理人员
    case specialOperations = "special_operations"      // 特种作业人员
    case fireSystemOperator = "fire_system_operator"   // 自动消防系统操作人员
    case employee                        // 一般从业人员
    case deputyPrincipal = "deputy_principal"          // 分管负责人 (R-WAVE-9)
    case safetyDepartmentHead = "safety_department_head"  // 安全生产业务部门负责人 (R-WAVE-9)

    public var label: LocalizedText {
        switch self {
        case .principal: LocalizedText(zh: "主要负责人", en: "principal")
        case .fireSafetyResponsible: LocalizedText(zh: "消防安全责任人", en: "fire-safety responsible person")
        case .safetyManager: LocalizedText(zh: "安全生产管理人员", en: "safety manager")
        case .specialOperations: LocalizedText(zh: "特种作业人员", en: "special-operations worker")
        case .fireSystemOperator: LocalizedText(zh: "自动消防系统操作人员", en: "automatic fire-system operator")
        case .employee: LocalizedText(zh: "从业人员", en: "employee")
        case .deputyPrincipal: LocalizedText(zh: "分管负责人", en: "deputy in charge of safety")
        case .safetyDepartmentHead: LocalizedText(zh: "安全生产业务部门负责人", en: "head of the safety department")
        }
    }

    /// Accepts the code or the Chinese name (as in CSV files).
    public init?(code: String) {
        let t = code.trimmedCell
        if let v = EmploymentRole(rawValue: t.lowercased()) { self = v; return }
        if t == "一般从业人员" || t == "普通员工" { self = .employee; return }
        guard let v = EmploymentRole.allCases.first(where: { $0.label.zh == t }) else { return nil }
        self = v
    }
}

/// R-EMP-1: all four kinds are trained and held responsible as the host's own staff.
public enum EmploymentType: String, Sendable, Codable, CaseIterable {
    case regular                 // 正式
    case dispatched              // 劳务派遣
    case flexible                // 灵活用工
    case outsourced              // 外包外租

    public var label: LocalizedText {
        switch self {
        case .regular: LocalizedText(zh: "正式", en: "regular")
        case .dispatched: LocalizedText(zh: "劳务派遣", en: "dispatched")
        case .flexible: LocalizedText(zh: "灵活用工", en: "flexible")
        case .outsourced: LocalizedText(zh: "外包外租", en: "outsourced")
        }
    }

    public init?(code: String) {
        let t = code.trimmedCell
        if let v = EmploymentType(rawValue: t.lowercased()) { self = v; return }
        if t == "正式员工" || t == "正式工" { self = .regular; return }
        guard let v = EmploymentType.allCases.first(where: { $0.label.zh == t }) else { return nil }
        self = v
    }
}

public enum EmploymentRules {
    /// R-EMP-2: a mining enterprise (煤矿, 非煤矿山) may not place a dispatched
    /// worker in an underground or surface-hazardous post.
    public static func check(enterpriseIsMining: Bool, type: EmploymentType, hazardousPost: Bool) -> FieldError? {
        guard enterpriseIsMining, type == .dispatched, hazardousPost else { return nil }
        return FieldError(
            field: "employmentType", code: "dispatched_in_mining_hazardous_post",
            message: LocalizedText(
                zh: "矿山企业不得在井下或地面危险岗位使用劳务派遣人员（R-EMP-2）",
                en: "mining enterprises may not use dispatched workers underground or in surface-hazardous posts (R-EMP-2)"))
    }
}

public enum AreaKind: String, Sendable, Codable, CaseIterable {
    case office, production, living

    public var label: LocalizedText {
        switch self {
        case .office: LocalizedText(zh: "办公区", en: "office area")
        case .production: LocalizedText(zh: "生产区", en: "production area")
        case .living: LocalizedText(zh: "生活区", en: "living area")
        }
    }
}

public enum EnterpriseStatus: String, Sendable, Codable, CaseIterable {
    case active, suspended, closed
}

/// The kinds of training an institution may be permitted to give.
public enum TrainingKind: String, Sendable, Codable, CaseIterable {
    case principal, safetyManager = "safety_manager", specialOperations = "special_operations"
    case fireSafety = "fire_safety", employee
}

/// R-INST-1/2: AQ 8011-2023 conformity of a training institution.
public enum InstitutionStatus: String, Sendable, Codable, CaseIterable {
    /// 待检查: a new institution, until an AQ 8011 inspection passes (R-INST-2).
    case pendingInspection = "pending_inspection"
    case conforming          // 符合
    case rectifying          // 整改中（有期限）
    case clearedOut = "cleared_out"  // 清退 (terminal)

    public var label: LocalizedText {
        switch self {
        case .pendingInspection: LocalizedText(zh: "待检查", en: "pending inspection")
        case .conforming: LocalizedText(zh: "符合条件", en: "conforming")
        case .rectifying: LocalizedText(zh: "限期整改", en: "rectifying")
        case .clearedOut: LocalizedText(zh: "已清退", en: "cleared out")
        }
    }

    /// R-INST-1: a cleared-out institution, or one still rectifying after its
    /// deadline, may not act (register sessions). Rectifying is allowed up to and
    /// including the deadline day.
    public static func mayAct(status: InstitutionStatus, deadline: CivilDate?, today: CivilDate) -> Bool {
        switch status {
        case .conforming: true
        case .clearedOut, .pendingInspection: false
        case .rectifying: deadline.map { today <= $0 } ?? false
        }
    }
}

/// High-risk derivation for an enterprise: true when any of its sectors is
/// high-risk for training, unless an override (with a reason) says otherwise.
public enum HighRisk {
    public static func derive(sectorFlags: [Bool], override: Bool?) -> Bool {
        override ?? sectorFlags.contains(true)
    }
}
