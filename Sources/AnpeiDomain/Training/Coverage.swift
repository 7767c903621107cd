/// Coverage of a wave's target population (R-WAVE-1: participation 100%).
/// Observers (R-WAVE-3) are never in these sets.
public struct CoverageFigures: Sendable, Codable, Equatable {
    public var target: Int
    public var completed: Int
    /// Enrolled (in a session not cancelled) but not completed.
    public var enrolled: Int
    public var notEnrolled: Int
    /// completed / target; nil when there is nobody to train.
    public var rate: Double?

    public init(target: Int, completed: Int, enrolled: Int) {
        self.target = target
        self.completed = completed
        self.enrolled = enrolled
        self.notEnrolled = target - completed - enrolled
        self.rate = target == 0 ? nil : Double(completed) / Double(target)
    }

    /// From the people in the target population and what each has done:
    /// completion wins over enrolment; people outside the target do not count.
    public static func compute<ID: Hashable>(target: Set<ID>, completed: Set<ID>, enrolled: Set<ID>) -> CoverageFigures {
        let done = target.intersection(completed)
        let pending = target.intersection(enrolled).subtracting(done)
        return CoverageFigures(target: target.count, completed: done.count, enrolled: pending.count)
    }
}
