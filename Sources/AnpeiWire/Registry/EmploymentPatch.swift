import AnpeiDomain

public struct EmploymentPatch: Codable, Sendable {
    public var roles: [EmploymentRole]?
    public var employmentType: EmploymentType?
    public var post: String?
    public var hazardousPost: Bool?
    public var startDate: String?
    public var endDate: String?
    /// The employer's contact number; "" clears it.
    public var phone: String?
    public init() {}
}
