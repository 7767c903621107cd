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
    /// R-HOURS-3: the day the person moved to this post or came back after a
    /// year or more away; "" clears it. Changing `post` without it records today.
    public var postChangedOn: String?
    public init() {}
}
