/// Errors from the database layer, classified by SQLSTATE so that callers can
/// react to what happened without parsing server messages.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// 23505 unique_violation: the named constraint.
    case conflict(constraint: String?, detail: String?)
    /// 23503 foreign_key_violation.
    case reference(constraint: String?, detail: String?)
    /// 23514 check_violation, 23502 not_null_violation, 22xxx data exceptions.
    case validation(constraint: String?, sqlstate: String, message: String)
    /// 40001 / 40P01 after the retry budget ran out.
    case serializationFailure
    /// The server could not be reached or the connection broke.
    case connection(message: String)
    /// Any other server error.
    case server(sqlstate: String, message: String)
    /// A value in a result could not be decoded to the requested type.
    case decoding(column: String, message: String)
    /// Misuse of the API (e.g. an unknown column name).
    case usage(String)

    public var description: String {
        switch self {
        case .conflict(let c, let d): "unique violation \(c ?? "?"): \(d ?? "")"
        case .reference(let c, let d): "foreign key violation \(c ?? "?"): \(d ?? "")"
        case .validation(let c, let s, let m): "validation \(s) \(c ?? ""): \(m)"
        case .serializationFailure: "serialization failure (retries exhausted)"
        case .connection(let m): "connection: \(m)"
        case .server(let s, let m): "server error \(s): \(m)"
        case .decoding(let col, let m): "decoding \(col): \(m)"
        case .usage(let m): "usage: \(m)"
        }
    }

    /// Maps a server error to a typed error. `sqlstate` is the five-character code.
    static func from(sqlstate: String, message: String, constraint: String?, detail: String?) -> StoreError {
        switch sqlstate {
        case "23505": return .conflict(constraint: constraint, detail: detail)
        case "23503": return .reference(constraint: constraint, detail: detail)
        case "23514", "23502": return .validation(constraint: constraint, sqlstate: sqlstate, message: message)
        case "40001", "40P01": return .server(sqlstate: sqlstate, message: message)
        default:
            if sqlstate.hasPrefix("22") {
                return .validation(constraint: constraint, sqlstate: sqlstate, message: message)
            }
            // Class 08 (connection exception) and 57P01..03 (admin shutdown,
            // crash shutdown, cannot connect now) all mean "go elsewhere".
            if sqlstate.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlstate) {
                return .connection(message: message)
            }
            return .server(sqlstate: sqlstate, message: message)
        }
    }

    var isRetryableSerialization: Bool {
        if case .server(let s, _) = self { return s == "40001" || s == "40P01" }
        return false
    }

    var isConnectionFailure: Bool {
        if case .connection = self { return true }
        return false
    }
}
