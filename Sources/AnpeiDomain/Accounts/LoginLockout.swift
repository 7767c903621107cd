/// Consecutive-failure lockout, kept per (account, client address) (issue 9
/// §4): after `maxFailures` failed logins in a row from one address the
/// account is locked *for that address* for `lockDuration`, so a stranger who
/// knows a username cannot lock the official out. Across all addresses a
/// slower back-off applies: from `globalThreshold` consecutive failures on,
/// each further failure locks the account everywhere for `globalBase` doubled
/// per failure, at most `globalCap`. A success resets both counts.
public struct LoginLockout: Sendable, Equatable {
    public var maxFailures: Int
    public var lockDuration: Duration
    public var globalThreshold: Int
    public var globalBase: Duration
    public var globalCap: Duration

    public init(maxFailures: Int = 5, lockDuration: Duration = .seconds(15 * 60), globalThreshold: Int = 20,
                globalBase: Duration = .seconds(30), globalCap: Duration = .seconds(15 * 60))
    {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
        self.globalThreshold = globalThreshold
        self.globalBase = globalBase
        self.globalCap = globalCap
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

    /// The account-wide state after a failed attempt from any address: a plain
    /// count until `globalThreshold`, then an exponential back-off.
    public func globalAfterFailure(_ state: State, now: Double) -> State {
        let count = state.failedCount + 1
        guard count >= globalThreshold else { return State(failedCount: count, lockedUntil: state.lockedUntil) }
        let doublings = min(30, count - globalThreshold)
        let base = Double(globalBase.components.seconds)
        let seconds = min(Double(globalCap.components.seconds), base * Double(1 << doublings))
        return State(failedCount: count, lockedUntil: now + seconds)
    }

    public func afterSuccess() -> State {
        State(failedCount: 0, lockedUntil: nil)
    }
}
