import AnpeiDomain
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

    public init(
        tokenLifetime: Duration = .seconds(12 * 3600),
        lockout: LoginLockout = LoginLockout(),
        passwordPolicy: PasswordPolicy = PasswordPolicy(),
        hashParameters: PasswordHasher.Parameters = .standard,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tokenLifetime = tokenLifetime
        self.lockout = lockout
        self.passwordPolicy = passwordPolicy
        self.hashParameters = hashParameters
        self.now = now
    }
}
