/// What part of the data an account may see. Each role has exactly one kind of
/// scope; the service layer checks every use case against it.
public enum Scope: Sendable, Equatable {
    /// Administrators: everything.
    case all
    /// Regulators: a region and everything under it.
    case region(RegionCode)
    /// Training institutions: their own institution.
    case institution(String)
    /// Enterprises: their own enterprise.
    case enterprise(String)
    /// Workers: one person, themself.
    case person(String)

    /// The scope a role must have, checking that the pieces fit together.
    /// Returns the field errors when they do not.
    public static func make(
        role: Role, regionCode: String?, institutionID: String?, enterpriseID: String?, personID: String? = nil
    ) -> Result<Scope, ValidationFailure> {
        var errors: [FieldError] = []
        func forbid(_ field: String, _ value: String?) {
            if value != nil {
                errors.append(FieldError(
                    field: field, code: "not_allowed_for_role",
                    message: LocalizedText(
                        zh: "角色“\(role.label.zh)”不能设置此字段",
                        en: "not allowed for role \(role.rawValue)")))
            }
        }
        func require(_ field: String, _ value: String?) -> String? {
            guard let value, !value.isEmpty else {
                errors.append(FieldError(
                    field: field, code: "required",
                    message: LocalizedText(
                        zh: "角色“\(role.label.zh)”必须设置此字段",
                        en: "required for role \(role.rawValue)")))
                return nil
            }
            return value
        }
        var scope: Scope?
        switch role {
        case .admin:
            forbid("regionCode", regionCode)
            forbid("institutionId", institutionID)
            forbid("enterpriseId", enterpriseID)
            forbid("personId", personID)
            scope = .all
        case .regulator:
            forbid("institutionId", institutionID)
            forbid("enterpriseId", enterpriseID)
            forbid("personId", personID)
            if let raw = require("regionCode", regionCode) {
                if let code = RegionCode(raw) {
                    scope = .region(code)
                } else {
                    errors.append(FieldError(
                        field: "regionCode", code: "invalid_region_code",
                        message: LocalizedText(
                            zh: "行政区划代码应为6位或9位数字", en: "must be a 6- or 9-digit division code")))
                }
            }
        case .institution:
            forbid("regionCode", regionCode)
            forbid("enterpriseId", enterpriseID)
            forbid("personId", personID)
            if let id = require("institutionId", institutionID) { scope = .institution(id) }
        case .enterprise:
            forbid("regionCode", regionCode)
            forbid("institutionId", institutionID)
            forbid("personId", personID)
            if let id = require("enterpriseId", enterpriseID) { scope = .enterprise(id) }
        case .worker:
            forbid("regionCode", regionCode)
            forbid("institutionId", institutionID)
            forbid("enterpriseId", enterpriseID)
            if let id = require("personId", personID) { scope = .person(id) }
        }
        if let scope, errors.isEmpty { return .success(scope) }
        return .failure(ValidationFailure(errors))
    }

    /// Whether this scope may see something located in `region` and owned by
    /// the given institution or enterprise (either may be absent).
    public func covers(region: RegionCode?, institutionID: String? = nil, enterpriseID: String? = nil) -> Bool {
        switch self {
        case .all: true
        case .region(let mine): region.map { mine.contains($0) } ?? false
        case .institution(let mine): institutionID == mine
        case .enterprise(let mine): enterpriseID == mine
        case .person: false
        }
    }
}

/// A set of field errors, thrown or returned when input is invalid.
public struct ValidationFailure: Error, Sendable, Equatable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
