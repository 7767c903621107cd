import AnpeiDomain
import Foundation

/// An enterprise as the API shows it.
public struct Enterprise: Codable, Sendable, Equatable {
    public var id: String
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var regionName: String
    public var sectors: [String]
    /// Whether any sector is high-risk for training (R-HOURS-1).
    public var sectorHighRisk: Bool
    /// Derived from the sectors unless overridden.
    public var highRisk: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var mining: Bool
    public var keyEnterprise: Bool
    /// R-WAVE-9: central (中央在藏), regional (区属) or prefecture (地市属) state enterprise.
    public var ownership: EnterpriseOwnership?
    public var status: EnterpriseStatus
    public var areas: [Area]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, creditCode: String, name: String, regionCode: String, regionName: String, sectors: [String],
                sectorHighRisk: Bool, highRisk: Bool, highRiskOverride: Bool?, highRiskOverrideReason: String?, mining: Bool,
                keyEnterprise: Bool, ownership: EnterpriseOwnership? = nil, status: EnterpriseStatus, areas: [Area], createdAt: Date, updatedAt: Date) {
        self.ownership = ownership
        self.id = id
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.regionName = regionName
        self.sectors = sectors
        self.sectorHighRisk = sectorHighRisk
        self.highRisk = highRisk
        self.highRiskOverride = highRiskOverride
        self.highRiskOverrideReason = highRiskOverrideReason
        self.mining = mining
        self.keyEnterprise = keyEnterprise
        self.status = status
        self.areas = areas
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
