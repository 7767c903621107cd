/// A statement whose interpolated values are bound as parameters, never
/// spliced into the text: `"… WHERE id = \(id)"` becomes `WHERE id = $1` with
/// `id` bound (as postgres-nio's `PostgresQuery` does). Trusted text — table
/// aliases, fixed fragments — goes in with `\(raw:)`; another `SQL` goes in
/// whole, its parameters renumbered. The text depends only on the literal
/// parts and the fragments chosen, so a statement keeps one prepared plan per
/// shape (see `PGConnection.query`).
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Piece: Sendable {
        case text(String)
        case bind(any PGBindable)
    }

    var pieces: [Piece]

    public init(stringLiteral value: String) { pieces = [.text(value)] }

    public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    /// Trusted SQL text with no values.
    public init(raw text: String) { pieces = [.text(text)] }

    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) { pieces.append(.text(literal)) }

        /// A value: bound as the next parameter.
        public mutating func appendInterpolation(_ value: some PGBindable) { pieces.append(.bind(value)) }

        /// Trusted text (an alias, a fixed fragment); never user input.
        public mutating func appendInterpolation(raw text: String) { pieces.append(.text(text)) }

        /// A fragment with its own values.
        public mutating func appendInterpolation(_ fragment: SQL) { pieces += fragment.pieces }
    }

    /// Joins fragments with a separator (e.g. " AND ").
    public static func joined(_ parts: [SQL], separator: String) -> SQL {
        var out = SQL(raw: "")
        for (i, part) in parts.enumerated() {
            if i > 0 { out.pieces.append(.text(separator)) }
            out.pieces += part.pieces
        }
        return out
    }

    /// The text with `$1…$n` in order of appearance, and the values to bind.
    public var rendered: (text: String, binds: [any PGBindable]) {
        var text = ""
        var binds: [any PGBindable] = []
        for piece in pieces {
            switch piece {
            case .text(let t): text += t
            case .bind(let value):
                binds.append(value)
                text += "$" + String(binds.count)
            }
        }
        return (text, binds)
    }

    public var description: String { rendered.text }
}

extension PGConnection {
    /// Runs one statement built with `SQL` interpolation.
    @discardableResult
    public func query(_ sql: SQL, prepared: Bool = true) throws -> PGResult {
        let (text, binds) = sql.rendered
        return try query(text, binds, prepared: prepared)
    }
}
