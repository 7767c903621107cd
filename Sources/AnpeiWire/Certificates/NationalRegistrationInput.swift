/// `POST /v1/certificates/{id}/national-registration` (R-CERT-2): the date the
/// certificate was registered in the national networked system (全国联网).
public struct NationalRegistrationInput: Codable, Sendable {
    public var date: String
    public init(date: String) { self.date = date }
}
