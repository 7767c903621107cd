import Foundation

public struct InstitutionQuery: Sendable {
    public var regionPrefix: String?
    public var status: InstitutionStatus?
    public var search: String?
    public var limit: Int
    public var offset: Int

    public init(regionPrefix: String? = nil, status: InstitutionStatus? = nil, search: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.regionPrefix = regionPrefix
        self.status = status
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}
