import AnpeiDomain
import Foundation

public struct MissingPerson: Codable, Sendable, Equatable {
    public var waveId: String
    public var waveTitle: String
    public var personId: String
    public var name: String
    public var documentMasked: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var regionCode: String
    /// enrolled | not_enrolled
    public var status: String

    public init(waveId: String, waveTitle: String, personId: String, name: String, documentMasked: String, enterpriseId: String, enterpriseName: String, regionCode: String, status: String) {
        self.waveId = waveId
        self.waveTitle = waveTitle
        self.personId = personId
        self.name = name
        self.documentMasked = documentMasked
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.regionCode = regionCode
        self.status = status
    }
}
