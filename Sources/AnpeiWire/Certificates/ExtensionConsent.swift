/// `POST /v1/certificates/{id}/extension-consent` (R-CERT-4): the issuing
/// authority's consent to the longer review interval, recorded at any time in
/// the validity, with the start of continuous work in the trade if known.
public struct ExtensionConsent: Codable, Sendable {
    public var date: String
    public var inTradeSince: String?
    public init(date: String, inTradeSince: String? = nil) {
        self.date = date
        self.inTradeSince = inTradeSince
    }
}
