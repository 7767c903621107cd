import AnpeiDomain

public struct EmploymentInput: Codable, Sendable {
    public var enterpriseId: String
    public var roles: [EmploymentRole]
    public var employmentType: EmploymentType
    public var post: String?
    public var hazardousPost: Bool?
    public var startDate: String
    public var endDate: String?
    /// The employer's own contact number for the person (issue 9 §1).
    public var phone: String?

    public init(
        enterpriseId: String, roles: [EmploymentRole], employmentType: EmploymentType, post: String?,
        hazardousPost: Bool?, startDate: String, endDate: String?, phone: String? = nil
    ) {
        self.phone = phone
        self.enterpriseId = enterpriseId
        self.roles = roles
        self.employmentType = employmentType
        self.post = post
        self.hazardousPost = hazardousPost
        self.startDate = startDate
        self.endDate = endDate
    }
}
