import AnpeiDomain
import Crypto
import Foundation

/// Settings of the service layer. Clock and randomness are injected so tests
/// can pin them.
public struct ServiceConfig: Sendable {
    /// How long a bearer token lives (default 12 h).
    public var tokenLifetime: Duration
    public var lockout: LoginLockout
    public var passwordPolicy: PasswordPolicy
    public var hashParameters: PasswordHasher.Parameters
    public var now: @Sendable () -> Date
    /// Signs certificate verification payloads (Ed25519); the public half is
    /// published at /.well-known/anpei-verification-key.
    public var signingKey: SigningKey

    public init(
        tokenLifetime: Duration = .seconds(12 * 3600),
        lockout: LoginLockout = LoginLockout(),
        passwordPolicy: PasswordPolicy = PasswordPolicy(),
        hashParameters: PasswordHasher.Parameters = .standard,
        now: @escaping @Sendable () -> Date = { Date() },
        signingKey: SigningKey = SigningKey()
    ) {
        self.signingKey = signingKey
        self.tokenLifetime = tokenLifetime
        self.lockout = lockout
        self.passwordPolicy = passwordPolicy
        self.hashParameters = hashParameters
        self.now = now
    }
}

/// An Ed25519 private key held as its 32 raw bytes (Sendable); the key file
/// stores them base64-encoded.
public struct SigningKey: Sendable {
    public let raw: Data

    public init() { raw = Curve25519.Signing.PrivateKey().rawRepresentation }

    public init?(raw: Data) {
        guard (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = raw
    }

    public var privateKey: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: raw) }
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
}
