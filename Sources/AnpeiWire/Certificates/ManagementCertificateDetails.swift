import AnpeiDomain
import Foundation

public struct ManagementCertificateDetails: Codable, Sendable {
    public struct Reexamination: Codable, Sendable {
        public var date: String
        public var score: Int

        public init(date: String, score: Int) {
            self.date = date
            self.score = score
        }
    }

    public var id: String
    public var personId: String
    public var personName: String
    public var holderRole: String
    public var sectorCode: String
    public var sectorName: String
    public var number: String
    public var issuingAuthority: String
    public var issuedOn: String
    public var examScore: Int
    public var revokedOn: String?
    public var revokedReason: String?
    public var reexaminations: [Reexamination]

    public init(id: String, personId: String, personName: String, holderRole: String, sectorCode: String, sectorName: String, number: String, issuingAuthority: String, issuedOn: String, examScore: Int, revokedOn: String? = nil, revokedReason: String? = nil, reexaminations: [Reexamination]) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.holderRole = holderRole
        self.sectorCode = sectorCode
        self.sectorName = sectorName
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.issuedOn = issuedOn
        self.examScore = examScore
        self.revokedOn = revokedOn
        self.revokedReason = revokedReason
        self.reexaminations = reexaminations
    }
}
