import AnpeiDomain
import Foundation

/// The caller's scope, ready for SQL: a region prefix, an enterprise or an
/// institution. `visible(_:)` is the one mapping from scope to SQL: every
/// lookup and list adds its condition, so out-of-scope rows are never read.
public struct ScopeFilter: Sendable {
    public var regionPrefix: String?
    public var enterpriseID: UUID?
    public var institutionID: UUID?
    /// A worker: one person and what they hold or attend.
    public var personID: UUID?
    /// True when the scope can see nothing of this kind at all.
    public var nothing: Bool

    public init(_ scope: Scope) {
        regionPrefix = nil
        enterpriseID = nil
        institutionID = nil
        personID = nil
        nothing = false
        switch scope {
        case .all: break
        case .region(let code): regionPrefix = code.prefix
        case .enterprise(let id):
            if let uuid = UUID(uuidString: id) { enterpriseID = uuid } else { nothing = true }
        case .institution(let id):
            if let uuid = UUID(uuidString: id) { institutionID = uuid } else { nothing = true }
        case .person(let id):
            if let uuid = UUID(uuidString: id) { personID = uuid } else { nothing = true }
        }
    }
}

/// The kinds of row a scope decides on, with the columns (as aliased in the
/// statement) that decide.
public enum ScopedRows: Sendable {
    /// An enterprise row: regulators by its region, an enterprise itself.
    case enterprise(id: String, region: String)
    /// An institution row: regulators by its region, the institution itself.
    case institution(id: String, region: String)
    /// A person (or what a person holds): visible through their employments.
    case person(id: String)
    /// A training session: its institution, regulators of the region where it
    /// is held, enterprises whose people are enrolled in it.
    case session(id: String, institution: String, region: String)
}

extension ScopeFilter {
    /// The condition under which the caller may see a row. Each kind of scope
    /// gets its own statement text (not `$x IS NULL OR …` branches), so the
    /// server keeps one generic plan per text instead of planning each call.
    public func visible(_ rows: ScopedRows) -> SQL {
        if nothing { return "FALSE" }
        // A worker sees themself and the sessions they are enrolled in, nothing else.
        if let personID {
            switch rows {
            case .person(let id): return "\(raw: id) = \(personID)"
            case .session(let id, _, _):
                return "EXISTS (SELECT 1 FROM training_enrollments x WHERE x.session_id = \(raw: id) AND x.person_id = \(personID))"
            case .enterprise, .institution: return "FALSE"
            }
        }
        switch rows {
        case .enterprise(let id, let region):
            if institutionID != nil { return "FALSE" }
            if let regionPrefix { return "\(raw: region) LIKE \(regionPrefix) || '%'" }
            if let enterpriseID { return "\(raw: id) = \(enterpriseID)" }
        case .institution(let id, let region):
            if enterpriseID != nil { return "FALSE" }
            if let regionPrefix { return "\(raw: region) LIKE \(regionPrefix) || '%'" }
            if let institutionID { return "\(raw: id) = \(institutionID)" }
        case .person(let id):
            if institutionID != nil { return "FALSE" }
            if let regionPrefix {
                return """
                    EXISTS (SELECT 1 FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                            WHERE em.person_id = \(raw: id) AND ee.region_code LIKE \(regionPrefix) || '%')
                    """
            }
            if let enterpriseID {
                return "EXISTS (SELECT 1 FROM employments em WHERE em.person_id = \(raw: id) AND em.enterprise_id = \(enterpriseID))"
            }
        case .session(let id, let institution, let region):
            if let institutionID { return "\(raw: institution) = \(institutionID)" }
            if let regionPrefix { return "\(raw: region) LIKE \(regionPrefix) || '%'" }
            if let enterpriseID {
                return """
                    EXISTS (SELECT 1 FROM training_enrollments x WHERE x.session_id = \(raw: id) AND x.enterprise_id = \(enterpriseID)
                            AND x.status <> 'released')
                    """
            }
        }
        return "TRUE"
    }
}
