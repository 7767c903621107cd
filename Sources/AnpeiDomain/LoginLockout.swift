/// Consecutive-failure lockout: after `maxFailures` failed logins in a row the
/// account is locked for `lockDuration`; a success resets the count.
public struct LoginLockout: Sendable, Equatable {
    public var maxFailures: Int
    public var lockDuration: Duration

    public init(maxFailures: Int = 5, lockDuration: Duration = .seconds(15 * 60)) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    /// The account state stored per user.
    public struct State: Sendable, Equatable {
        public var failedCount: Int
        /// Seconds since the Unix epoch until which logins are refused.
        public var lockedUntil: Double?

        public init(failedCount: Int, lockedUntil: Double?) {
            self.failedCount = failedCount
            self.lockedUntil = lockedUntil
        }
    }

    public func isLocked(_ state: State, now: Double) -> Bool {
        guard let until = state.lockedUntil else { return false }
        return now < until
    }

    /// The state after a failed attempt at `now`. A lock that has run out
    /// starts a fresh count, so one more mistake after 15 minutes does not
    /// lock again at once.
    public func afterFailure(_ state: State, now: Double) -> State {
        var count = state.failedCount
        if let until = state.lockedUntil, now >= until { count = 0 }
        count += 1
        if count >= maxFailures {
            let seconds = Double(lockDuration.components.seconds)
            return State(failedCount: count, lockedUntil: now + seconds)
        }
        return State(failedCount: count, lockedUntil: nil)
    }

    public func afterSuccess() -> State {
        State(failedCount: 0, lockedUntil: nil)
    }
}
