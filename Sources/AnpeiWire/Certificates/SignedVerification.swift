import AnpeiDomain

/// A signed statement about a certificate, checkable offline with the
/// server's public key (`anpei cert verify`).
public struct SignedVerification: Codable, Sendable {
    /// base64url of the JSON of a `PublicVerification` plus `signedAt`.
    public var payload: String
    /// base64url Ed25519 signature over the payload's bytes.
    public var signature: String
    public var keyId: String
    public var algorithm: String

    public init(payload: String, signature: String, keyId: String, algorithm: String) {
        self.payload = payload
        self.signature = signature
        self.keyId = keyId
        self.algorithm = algorithm
    }
}
