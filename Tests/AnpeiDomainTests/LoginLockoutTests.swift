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
