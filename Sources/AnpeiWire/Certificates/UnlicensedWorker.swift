import AnpeiDomain

/// A person on a special-operations post without a certificate that lets them
/// work on the date (持证上岗 violation, R-CERT-1 / R-EMP-3).
public struct UnlicensedWorker: Codable, Sendable {
    public var personId: String
    public var personName: String
    public var post: String
    /// The certificates they do have, with why each does not let them work.
    public var certificates: [StaffCertificateRow]

    public init(personId: String, personName: String, post: String, certificates: [StaffCertificateRow]) {
        self.personId = personId
        self.personName = personName
        self.post = post
        self.certificates = certificates
    }
}
