/// `POST …/revocation` and `…/cancellation`: the date, the cause from the fixed
/// lists of Art. 30/31 (R-CERT-14: required for special-operations
/// certificates), and a free-text note.
public struct CertificateEnd: Codable, Sendable {
    public var date: String
    public var reason: String
    /// `expired_without_review`, `no_longer_fit`, `accident_responsibility`,
    /// `false_information`, `fraud_or_bribery` (revocation); `death`,
    /// `own_request`, `revoked` (cancellation).
    public var cause: String?
    public init(date: String, reason: String, cause: String? = nil) {
        self.date = date
        self.reason = reason
        self.cause = cause
    }
}
