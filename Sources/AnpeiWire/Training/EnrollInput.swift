import AnpeiDomain

public struct EnrollInput: Codable, Sendable {
    public var personId: String?
    public var enterpriseId: String?
    /// An observer (跟班参训, R-WAVE-3): name and organisation, no person record.
    public var observerName: String?
    public var observerOrganisation: String?
    public init(personId: String? = nil, enterpriseId: String? = nil, observerName: String? = nil, observerOrganisation: String? = nil) {
        self.personId = personId
        self.enterpriseId = enterpriseId
        self.observerName = observerName
        self.observerOrganisation = observerOrganisation
    }
}
