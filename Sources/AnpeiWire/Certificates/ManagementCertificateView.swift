import AnpeiDomain

/// A management-competence certificate with its status on a date.
public struct ManagementCertificateView: Codable, Sendable {
    public var certificate: ManagementCertificateDetails
    /// The end of validity as known on the status date (re-examinations included).
    public var validityEnd: String
    public var status: StatusView

    public init(certificate: ManagementCertificateDetails, validityEnd: String, status: StatusView) {
        self.certificate = certificate
        self.validityEnd = validityEnd
        self.status = status
    }
}
