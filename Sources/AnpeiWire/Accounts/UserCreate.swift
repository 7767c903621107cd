import AnpeiDomain

public struct UserCreate: Codable, Sendable {
    public var username: String
    public var displayName: String?
    public var role: String
    public var regionCode: String?
    public var institutionId: String?
    public var enterpriseId: String?
    public var personId: String?
    public var password: String

    public init(
        username: String, displayName: String? = nil, role: String, regionCode: String? = nil,
        institutionId: String? = nil, enterpriseId: String? = nil, personId: String? = nil, password: String
    ) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.regionCode = regionCode
        self.institutionId = institutionId
        self.enterpriseId = enterpriseId
        self.personId = personId
        self.password = password
    }
}
