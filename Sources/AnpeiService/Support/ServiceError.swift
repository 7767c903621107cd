import AnpeiDomain
import AnpeiStore

/// The errors every entry point (HTTP, CLI) may see from a use case. Each has
/// a stable machine code and a message in both languages; the HTTP layer maps
/// them to problem+json once, the CLI prints the message.
public enum ServiceError: Error, Sendable, Equatable {
    /// No or bad credentials on the request.
    case unauthenticated
    /// Login failed. Deliberately one case for unknown user, wrong password,
    /// locked and disabled accounts, so a failure reveals nothing.
    case invalidCredentials
    /// Authenticated but not allowed.
    case forbidden
    /// Absent, or outside the caller's scope (answered the same way).
    case notFound(entity: String)
    case validation([FieldError])
    case conflict(code: String, field: String?, message: LocalizedText)
    /// The database cannot be reached.
    case unavailable
    /// Too many of an expensive operation at once (imports): retry later (429).
    case busy(retryAfter: Int)
    /// Too many refused attempts of one kind from this user: retry later (429).
    case rateLimited(retryAfter: Int)
    case `internal`

    public var code: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .invalidCredentials: "invalid_credentials"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .validation: "validation_failed"
        case .conflict(let code, _, _): code
        case .unavailable: "service_unavailable"
        case .busy: "too_many_concurrent"
        case .rateLimited: "rate_limited"
        case .internal: "internal_error"
        }
    }

    public var message: LocalizedText {
        switch self {
        case .unauthenticated:
            LocalizedText(zh: "未登录或登录已失效，请重新登录", en: "not signed in or the session has expired")
        case .invalidCredentials:
            LocalizedText(
                zh: "用户名或密码错误，或账户已被停用或暂时锁定",
                en: "wrong username or password, or the account is disabled or temporarily locked")
        case .forbidden:
            LocalizedText(zh: "无权执行此操作", en: "you are not allowed to do this")
        case .notFound(let entity):
            LocalizedText(zh: "未找到该\(Self.entityName(entity).zh)", en: "\(Self.entityName(entity).en) not found")
        case .validation:
            LocalizedText(zh: "输入有误，请检查后重试", en: "the input is not valid")
        case .conflict(_, _, let message):
            message
        case .unavailable:
            LocalizedText(zh: "数据库暂时不可用，请稍后重试", en: "the database is temporarily unavailable")
        case .busy(let seconds):
            LocalizedText(zh: "同时进行的导入过多，请 \(seconds) 秒后再试", en: "too many imports at once; retry in \(seconds) s")
        case .rateLimited(let seconds):
            LocalizedText(zh: "请求过于频繁，请 \(seconds) 秒后再试", en: "too many requests; retry in \(seconds) s")
        case .internal:
            LocalizedText(zh: "服务器内部错误", en: "internal server error")
        }
    }

    /// The error as field errors (validation and conflicts), for row reports.
    public var fieldErrors: [FieldError] {
        switch self {
        case .validation(let errors): errors
        case .conflict(let code, let field, let message): [FieldError(field: field ?? "", code: code, message: message)]
        case .notFound(let entity): [FieldError(field: "", code: "not_found", message: LocalizedText(
            zh: "未找到该\(Self.entityName(entity).zh)", en: "\(Self.entityName(entity).en) not found"))]
        default: [FieldError(field: "", code: "refused", message: LocalizedText(zh: "不允许", en: "refused"))]
        }
    }

    static func entityName(_ entity: String) -> LocalizedText {
        switch entity {
        case "user": LocalizedText(zh: "用户", en: "user")
        case "region": LocalizedText(zh: "行政区划", en: "region")
        case "institution": LocalizedText(zh: "培训机构", en: "institution")
        case "enterprise": LocalizedText(zh: "生产经营单位", en: "enterprise")
        case "person": LocalizedText(zh: "人员", en: "person")
        case "certificate": LocalizedText(zh: "证书", en: "certificate")
        case "management_certificate": LocalizedText(zh: "安全生产知识和管理能力考核合格证", en: "management-competence certificate")
        case "employment": LocalizedText(zh: "任职记录", en: "employment")
        case "wave": LocalizedText(zh: "培训批次", en: "training wave")
        case "session": LocalizedText(zh: "培训班", en: "training session")
        case "training_record": LocalizedText(zh: "培训合格记录", en: "training record")
        default: LocalizedText(zh: "记录", en: entity)
        }
    }

    /// Translates store errors that callers can act on; anything unexpected
    /// becomes `.internal` (the caller logs the original).
    public static func from(_ error: any Error) -> ServiceError? {
        if let e = error as? ServiceError { return e }
        if let e = error as? ValidationFailure { return .validation(e.errors) }
        guard let store = error as? StoreError else { return nil }
        switch store {
        case .connection: return .unavailable
        case .serializationFailure:
            return .conflict(
                code: "concurrent_update", field: nil,
                message: LocalizedText(zh: "数据正被他人修改，请重试", en: "the data was changed concurrently; try again"))
        default: return nil
        }
    }
}

extension ServiceError {
    /// A date before the first certificate rule set took effect: no rule can
    /// decide it, so it is the caller's input that is out of range (422).
    static func noRuleSet(field: String) -> ServiceError {
        .validation([FieldError(
            field: field, code: "no_rule_set",
            message: LocalizedText(zh: "该日期之前没有生效的规则，无法办理", en: "no rule set was in force on this date"))])
    }
}
