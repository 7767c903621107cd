import AnpeiDomain
import Foundation

public struct Sector: Codable, Sendable, Equatable {
    public var code: String
    public var kind: String
    public var nameZh: String
    public var nameEn: String
    public var highRiskTraining: Bool
    public var highRiskDrill: Bool
    public var mining: Bool
    /// R-WAVE-7: the sector or unit type this one lies under (a wave of the
    /// parent covers it).
    public var parentCode: String?

    public init(code: String, kind: String, nameZh: String, nameEn: String, highRiskTraining: Bool, highRiskDrill: Bool, mining: Bool,
                parentCode: String? = nil) {
        self.parentCode = parentCode
        self.code = code
        self.kind = kind
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.highRiskTraining = highRiskTraining
        self.highRiskDrill = highRiskDrill
        self.mining = mining
    }
}
