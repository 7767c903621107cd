import AnpeiDomain
import Testing

@Suite("Login lockout: 5 consecutive failures lock for 15 minutes")
struct LoginLockoutTests {
    let lockout = LoginLockout()
    let t0 = 1_800_000_000.0

    @Test("the fifth consecutive failure locks for 15 minutes")
    func locksAtFive() {
        var state = LoginLockout.State(failedCount: 0, lockedUntil: nil)
        for i in 1...4 {
            state = lockout.afterFailure(state, now: t0 + Double(i))
            #expect(state.lockedUntil == nil)
            #expect(!lockout.isLocked(state, now: t0 + Double(i)))
        }
        state = lockout.afterFailure(state, now: t0 + 5)
        #expect(state.failedCount == 5)
        #expect(state.lockedUntil == t0 + 5 + 900)
        #expect(lockout.isLocked(state, now: t0 + 5 + 899))
        #expect(!lockout.isLocked(state, now: t0 + 5 + 900))
    }

    @Test("a success resets the count")
    func successResets() {
        var state = LoginLockout.State(failedCount: 4, lockedUntil: nil)
        state = lockout.afterSuccess()
        state = lockout.afterFailure(state, now: t0)
        #expect(state == LoginLockout.State(failedCount: 1, lockedUntil: nil))
    }

    @Test("after a lock runs out, counting starts afresh")
    func freshAfterExpiry() {
        let locked = LoginLockout.State(failedCount: 5, lockedUntil: t0)
        let next = lockout.afterFailure(locked, now: t0 + 1)
        #expect(next == LoginLockout.State(failedCount: 1, lockedUntil: nil))
    }
}

// Issue 9 §4: the account-wide back-off is slower than the per-address lock.
@Suite("Login lockout: account-wide back-off")
struct GlobalBackoffTests {
    let rule = LoginLockout()

    @Test("no account-wide lock below 20 failures, then doubling from 30 s up to 15 minutes")
    func backoff() {
        var state = LoginLockout.State(failedCount: 0, lockedUntil: nil)
        for _ in 1..<20 { state = rule.globalAfterFailure(state, now: 0) }
        #expect(state.failedCount == 19 && state.lockedUntil == nil)
        state = rule.globalAfterFailure(state, now: 1_000)
        #expect(state.lockedUntil == 1_030)
        state = rule.globalAfterFailure(state, now: 2_000)
        #expect(state.lockedUntil == 2_060)
        for _ in 0..<10 { state = rule.globalAfterFailure(state, now: 3_000) }
        #expect(state.lockedUntil == 3_900)
        #expect(rule.afterSuccess() == LoginLockout.State(failedCount: 0, lockedUntil: nil))
    }
}
