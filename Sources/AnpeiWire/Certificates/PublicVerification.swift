import AnpeiDomain

/// What the public may learn about a certificate (like the national query
/// platform): no ID number, no phone, no employer.
public struct PublicVerification: Codable, Sendable {
    public var number: String
    public var holderName: String
    public var itemCode: String
    public var itemName: String
    public var firstIssued: String
    public var validityEnd: String
    public var state: CertificateStatus.State
    public var label: String
    public var asOf: String
    public var ruleSet: String

    public init(number: String, holderName: String, itemCode: String, itemName: String, firstIssued: String, validityEnd: String, state: CertificateStatus.State, label: String, asOf: String, ruleSet: String) {
        self.number = number
        self.holderName = holderName
        self.itemCode = itemCode
        self.itemName = itemName
        self.firstIssued = firstIssued
        self.validityEnd = validityEnd
        self.state = state
        self.label = label
        self.asOf = asOf
        self.ruleSet = ruleSet
    }
}
