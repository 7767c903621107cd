import AnpeiDomain

/// `PATCH /v1/enterprises/{id}`: absent fields keep their value.
public struct EnterprisePatch: Codable, Sendable {
    public var creditCode: String?
    public var name: String?
    public var regionCode: String?
    public var sectors: [String]?
    public var keyEnterprise: Bool?
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    /// Removes the override: high risk follows the sectors again.
    public var clearHighRiskOverride: Bool?
    public var status: EnterpriseStatus?
    public var areas: [Area]?
    /// R-WAVE-9: the owner of a state enterprise.
    public var ownership: EnterpriseOwnership?
    /// Removes the owner (no longer a state enterprise).
    public var clearOwnership: Bool?
    public init() {}
}
