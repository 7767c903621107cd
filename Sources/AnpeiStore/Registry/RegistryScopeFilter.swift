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

extension ScopeFilter {
    /// The scope as a condition on a holder column (`c.person_id`), with its
    /// parameters ($1…): people are visible through their employments. Each
    /// kind of scope gets its own statement text rather than one text with
    /// `$x IS NULL OR …` branches, so the server can keep one generic plan per
    /// statement instead of planning every execution afresh.
    public func holderCondition(_ personColumn: String) -> (condition: String, params: [any PGBindable]) {
        if let prefix = regionPrefix {
            return ("""
                EXISTS (SELECT 1 FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                        WHERE em.person_id = \(personColumn) AND ee.region_code LIKE $1 || '%')
                """, [prefix])
        }
        if let enterpriseID {
            return ("EXISTS (SELECT 1 FROM employments em WHERE em.person_id = \(personColumn) AND em.enterprise_id = $1)", [enterpriseID])
        }
        return ("TRUE", [])
    }
}
