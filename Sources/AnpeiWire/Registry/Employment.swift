import AnpeiDomain

/// One employment of a person.
public struct Employment: Codable, Sendable, Equatable {
    public var id: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var roles: [EmploymentRole]
    public var employmentType: EmploymentType
    public var post: String
    public var hazardousPost: Bool
    public var startDate: String
    public var endDate: String?
    /// This employer's contact number for the person.
    public var phone: String?
    /// R-HOURS-3: the latest post change, or return after a year or more away.
    public var postChangedOn: String?

    public init(id: String, enterpriseId: String, enterpriseName: String, roles: [EmploymentRole], employmentType: EmploymentType,
                post: String, hazardousPost: Bool, startDate: String, endDate: String?, phone: String?, postChangedOn: String? = nil) {
        self.postChangedOn = postChangedOn
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.roles = roles
        self.employmentType = employmentType
        self.post = post
        self.hazardousPost = hazardousPost
        self.startDate = startDate
        self.endDate = endDate
        self.phone = phone
    }
}
