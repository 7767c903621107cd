import AnpeiDomain

/// A new person with their (first) employment.
public struct PersonCreate: Codable, Sendable {
    public var documentType: String?
    public var documentNumber: String
    public var name: String
    public var gender: Gender?
    public var birthDate: String?
    public var phone: String?
    public var employment: EmploymentInput

    public init(documentType: String? = nil, documentNumber: String, name: String, gender: Gender? = nil,
                birthDate: String? = nil, phone: String? = nil, employment: EmploymentInput) {
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.phone = phone
        self.employment = employment
    }
}
