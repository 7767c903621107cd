import Foundation

public struct PersonQuery: Sendable {
    public var enterpriseID: UUID?
    public var regionPrefix: String?
    public var role: EmploymentRole?
    /// Exact match on the full document number (callers who can see the person).
    public var documentNumber: String?
    public var search: String?
    /// Only people with an employment that has not ended on `today`.
    public var currentOnly: Bool
    /// The date "current" is judged on: set by the service from its one clock.
    public var today: String = "1970-01-01"
    public var limit: Int
    public var offset: Int

    public init(
        enterpriseID: UUID? = nil, regionPrefix: String? = nil, role: EmploymentRole? = nil, documentNumber: String? = nil,
        search: String? = nil, currentOnly: Bool = false, limit: Int = 50, offset: Int = 0
    ) {
        self.enterpriseID = enterpriseID
        self.regionPrefix = regionPrefix
        self.role = role
        self.documentNumber = documentNumber
        self.search = search
        self.currentOnly = currentOnly
        self.limit = limit
        self.offset = offset
    }
}
