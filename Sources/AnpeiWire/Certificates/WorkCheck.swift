import AnpeiDomain

/// "May this person do this work?" (持证上岗, R-CERT-1, R-EMP-3).
public struct WorkCheck: Codable, Sendable {
    public var personId: String
    public var itemCode: String
    public var date: String
    public var allowed: Bool
    public var reasons: [StatusView.Reason]
    public var certificates: [CertificateView]

    public init(personId: String, itemCode: String, date: String, allowed: Bool, reasons: [StatusView.Reason], certificates: [CertificateView]) {
        self.personId = personId
        self.itemCode = itemCode
        self.date = date
        self.allowed = allowed
        self.reasons = reasons
        self.certificates = certificates
    }
}
