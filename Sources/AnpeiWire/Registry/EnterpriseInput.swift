import AnpeiDomain

/// `POST /v1/enterprises`.
public struct EnterpriseInput: Codable, Sendable {
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var keyEnterprise: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var status: EnterpriseStatus
    public var areas: [Area]
    /// R-WAVE-9: central (中央在藏), regional (区属) or prefecture (地市属).
    public var ownership: EnterpriseOwnership?

    public init(
        creditCode: String, name: String, regionCode: String, sectors: [String], keyEnterprise: Bool = false,
        highRiskOverride: Bool? = nil, highRiskOverrideReason: String? = nil, status: EnterpriseStatus = .active,
        areas: [Area] = [], ownership: EnterpriseOwnership? = nil
    ) {
        self.ownership = ownership
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.sectors = sectors
        self.keyEnterprise = keyEnterprise
        self.highRiskOverride = highRiskOverride
        self.highRiskOverrideReason = highRiskOverrideReason
        self.status = status
        self.areas = areas
    }
}
