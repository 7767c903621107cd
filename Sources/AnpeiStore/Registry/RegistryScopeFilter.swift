import AnpeiDomain
import Foundation

/// The caller's scope as SQL parameters: lists and lookups add
/// `region_code LIKE $prefix || '%'` and `id = $enterprise` / `$institution`
/// conditions so nothing outside the scope is ever read.
public struct ScopeFilter: Sendable {
    public var regionPrefix: String?
    public var enterpriseID: UUID?
    public var institutionID: UUID?
    /// True when the scope can see nothing of this kind at all.
    public var nothing: Bool

    public init(_ scope: Scope) {
        regionPrefix = nil
        enterpriseID = nil
        institutionID = nil
        nothing = false
        switch scope {
        case .all: break
        case .region(let code): regionPrefix = code.prefix
        case .enterprise(let id):
            if let uuid = UUID(uuidString: id) { enterpriseID = uuid } else { nothing = true }
        case .institution(let id):
            if let uuid = UUID(uuidString: id) { institutionID = uuid } else { nothing = true }
        }
    }
}
