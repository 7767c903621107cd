import AnpeiDomain

public struct InstitutionStatusChange: Codable, Sendable {
    public var status: InstitutionStatus
    public var rectifyDeadline: String?
    public var effectiveDate: String?
    public var note: String?
    public init(status: InstitutionStatus, rectifyDeadline: String? = nil, effectiveDate: String? = nil, note: String? = nil) {
        self.status = status
        self.rectifyDeadline = rectifyDeadline
        self.effectiveDate = effectiveDate
        self.note = note
    }
}
