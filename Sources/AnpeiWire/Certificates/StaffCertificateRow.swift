import AnpeiDomain

/// One row of an enterprise's staff × certificate table.
public struct StaffCertificateRow: Codable, Sendable {
    public var personId: String
    public var personName: String
    public var certificateId: String
    public var number: String
    public var categoryCode: String
    public var itemCode: String
    public var itemName: String
    public var validityEnd: String
    /// R-CERT-2: registered in the national networked system on this date.
    public var nationalRegistration: String?
    public var status: StatusView

    public init(personId: String, personName: String, certificateId: String, number: String, categoryCode: String, itemCode: String, itemName: String, validityEnd: String, nationalRegistration: String? = nil, status: StatusView) {
        self.nationalRegistration = nationalRegistration
        self.personId = personId
        self.personName = personName
        self.certificateId = certificateId
        self.number = number
        self.categoryCode = categoryCode
        self.itemCode = itemCode
        self.itemName = itemName
        self.validityEnd = validityEnd
        self.status = status
    }
}
