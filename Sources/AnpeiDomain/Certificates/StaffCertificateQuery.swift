public struct StaffCertificateQuery: Sendable {
    public var category: String?
    public var item: String?
    public var state: CertificateStatus.State?
    /// Validity ending within this many days of the date.
    public var expiringWithinDays: Int?
    public var date: CivilDate?
    public var limit: Int
    public var offset: Int

    public init(category: String? = nil, item: String? = nil, state: CertificateStatus.State? = nil,
                expiringWithinDays: Int? = nil, date: CivilDate? = nil, limit: Int = 50, offset: Int = 0) {
        self.category = category
        self.item = item
        self.state = state
        self.expiringWithinDays = expiringWithinDays
        self.date = date
        self.limit = limit
        self.offset = offset
    }
}
