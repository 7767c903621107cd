/// `/.well-known/anpei-verification-key`: the public key that checks signed
/// verifications offline.
public struct VerificationKeyDocument: Codable, Sendable {
    public var algorithm: String
    public var keyId: String
    public var publicKey: String
    public init(algorithm: String, keyId: String, publicKey: String) {
        self.algorithm = algorithm
        self.keyId = keyId
        self.publicKey = publicKey
    }
}
