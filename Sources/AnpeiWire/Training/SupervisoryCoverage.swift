/// `GET /v1/reports/supervisory-training`: the three-year training of
/// supervisory staff (S2 §27, S4 §27): staff serving in the region during the
/// period, and those who attended at least one session as observers.
public struct SupervisoryCoverage: Codable, Sendable {
    public var regionCode: String
    public var fromYear: Int
    public var toYear: Int
    public var staff: Int
    public var covered: Int
    public var rate: Double?
    public var people: [SupervisoryStaff]

    public init(regionCode: String, fromYear: Int, toYear: Int, staff: Int, covered: Int, rate: Double?, people: [SupervisoryStaff]) {
        self.regionCode = regionCode
        self.fromYear = fromYear
        self.toYear = toYear
        self.staff = staff
        self.covered = covered
        self.rate = rate
        self.people = people
    }
}
