import Foundation

public struct EnterpriseQuery: Sendable {
    public var regionPrefix: String?
    public var sector: String?
    public var keyEnterprise: Bool?
    public var highRisk: Bool?
    public var status: EnterpriseStatus?
    public var search: String?
    public var limit: Int
    public var offset: Int

    public init(
        regionPrefix: String? = nil, sector: String? = nil, keyEnterprise: Bool? = nil, highRisk: Bool? = nil,
        status: EnterpriseStatus? = nil, search: String? = nil, limit: Int = 50, offset: Int = 0
    ) {
        self.regionPrefix = regionPrefix
        self.sector = sector
        self.keyEnterprise = keyEnterprise
        self.highRisk = highRisk
        self.status = status
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}
