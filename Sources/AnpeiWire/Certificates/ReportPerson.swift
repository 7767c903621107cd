import AnpeiDomain

public struct ReportPerson: Codable, Sendable {
    public var personId: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var certificates: [StaffCertificateRow]

    public init(personId: String, name: String, regionCode: String, sectors: [String], certificates: [StaffCertificateRow]) {
        self.personId = personId
        self.name = name
        self.regionCode = regionCode
        self.sectors = sectors
        self.certificates = certificates
    }
}
