import AnpeiDomain

public struct PlanLoadReport: Codable, Sendable {
    public var plan: String
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init(plan: String) {
        self.plan = plan
    }
}
