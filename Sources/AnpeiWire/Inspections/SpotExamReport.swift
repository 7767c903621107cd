/// 逢查必考 per enterprise of a region: workers examined, pass rate, cases
/// opened, closed and overdue (open longer than `overdueDays`).
public struct SpotExamReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var enterpriseId: String
        public var enterpriseName: String
        public var regionCode: String
        public var inspections: Int
        public var examined: Int
        public var passed: Int
        /// Passed / examined; absent when nobody was examined.
        public var passRate: Double?
        public var casesOpened: Int
        public var casesClosed: Int
        public var casesOverdue: Int
        public init(enterpriseId: String, enterpriseName: String, regionCode: String, inspections: Int, examined: Int, passed: Int,
                    passRate: Double?, casesOpened: Int, casesClosed: Int, casesOverdue: Int) {
            self.enterpriseId = enterpriseId
            self.enterpriseName = enterpriseName
            self.regionCode = regionCode
            self.inspections = inspections
            self.examined = examined
            self.passed = passed
            self.passRate = passRate
            self.casesOpened = casesOpened
            self.casesClosed = casesClosed
            self.casesOverdue = casesOverdue
        }
    }

    public var region: String
    public var from: String
    public var to: String
    public var overdueDays: Int
    public var rows: [Row]
    public init(region: String, from: String, to: String, overdueDays: Int, rows: [Row]) {
        self.region = region
        self.from = from
        self.to = to
        self.overdueDays = overdueDays
        self.rows = rows
    }
}
