import AnpeiDomain

public struct EnrollInput: Codable, Sendable {
    public var personId: String?
    public var enterpriseId: String?
    /// An observer (跟班参训, R-WAVE-3): a registered member of a regulator's
    /// staff (counted in their three-year coverage), or, for older records,
    /// a name and organisation only.
    public var observerStaffId: String?
    public var observerName: String?
    public var observerOrganisation: String?
    public init(personId: String? = nil, enterpriseId: String? = nil, observerName: String? = nil, observerOrganisation: String? = nil,
                observerStaffId: String? = nil) {
        self.observerStaffId = observerStaffId
        self.personId = personId
        self.enterpriseId = enterpriseId
        self.observerName = observerName
        self.observerOrganisation = observerOrganisation
    }
}
