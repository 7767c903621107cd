/// `POST /v1/supervisory-staff`: a member of a regulator's staff, who may
/// attend sessions as an observer (跟班参训, R-WAVE-3).
public struct SupervisoryStaffInput: Codable, Sendable {
    public var documentType: String?
    public var documentNumber: String
    public var name: String
    /// The authority, e.g. 新绛县应急管理局.
    public var authority: String
    /// The division the authority supervises.
    public var regionCode: String
    public var startDate: String
    public var endDate: String?

    public init(documentType: String? = nil, documentNumber: String, name: String, authority: String, regionCode: String,
                startDate: String, endDate: String? = nil) {
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.name = name
        self.authority = authority
        self.regionCode = regionCode
        self.startDate = startDate
        self.endDate = endDate
    }
}
