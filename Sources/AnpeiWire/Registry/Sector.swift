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

    public init(code: String, kind: String, nameZh: String, nameEn: String, highRiskTraining: Bool, highRiskDrill: Bool, mining: Bool) {
        self.code = code
        self.kind = kind
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.highRiskTraining = highRiskTraining
        self.highRiskDrill = highRiskDrill
        self.mining = mining
    }
}
