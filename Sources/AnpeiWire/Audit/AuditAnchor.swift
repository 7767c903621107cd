import Foundation

/// A signed checkpoint of the audit chain's tail (issue 11 §5): the last row's
/// id and hash at a time, signed with the service's Ed25519 key. Kept off the
/// machine, it shows a later truncation of the log, which the chain itself
/// cannot (dropping the newest rows leaves a valid, shorter chain).
public struct AuditAnchor: Codable, Sendable, Equatable {
    public var version: Int
    public var lastRow: Int64
    /// Lowercase hex SHA-256 of that row (its `hash` column).
    public var hash: String
    /// When the checkpoint was taken (UTC, ISO 8601).
    public var at: String
    /// The signing key's public half, base64 (to tell which key signed).
    public var publicKey: String
    /// Ed25519 signature of `signedText`, base64.
    public var signature: String

    public init(version: Int = 1, lastRow: Int64, hash: String, at: String, publicKey: String, signature: String) {
        self.version = version
        self.lastRow = lastRow
        self.hash = hash
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The exact bytes signed: no JSON canonicalisation needed.
    public static func signedText(lastRow: Int64, hash: String, at: String) -> String {
        "anpei-audit-anchor:v1|\(lastRow)|\(hash)|\(at)"
    }
}
