import AnpeiDomain

public struct ManagementCertificateInput: Codable, Sendable {
    public var personId: String
    /// principal | safety_manager
    public var holderRole: String
    public var sectorCode: String
    public var number: String
    public var issuingAuthority: String
    public var issuedOn: String
    public var examScore: Int
    /// The passed management-competence exam (an attempt id) the certificate is issued on (R-CERT-11).
    public var examAttemptId: String?

    public init(personId: String, holderRole: String, sectorCode: String, number: String, issuingAuthority: String,
                issuedOn: String, examScore: Int, examAttemptId: String? = nil) {
        self.examAttemptId = examAttemptId
        self.personId = personId
        self.holderRole = holderRole
        self.sectorCode = sectorCode
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.issuedOn = issuedOn
        self.examScore = examScore
    }
}
