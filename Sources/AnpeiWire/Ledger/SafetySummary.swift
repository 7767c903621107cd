/// The regulator's monthly 三违 summary: per child region × sector × month,
/// violations, spot exams, cases, repeat violators and 未培训先上岗 starters.
public struct SafetySummary: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var regionCode: String
        public var regionName: String
        /// "" for enterprises without a sector.
        public var sector: String
        public var sectorName: String
        /// YYYY-MM
        public var month: String
        public var violations: Int
        public var spotExamined: Int
        public var spotFailed: Int
        public var casesOpened: Int
        public var casesClosed: Int
        /// Open at the month's end (or the as-of date) for longer than the overdue days.
        public var casesOverdue: Int
        /// People whose violation in the month is their second or later within 12 months.
        public var repeatViolators: Int
        /// People who started work in the month before their initial hours (R-EMP-3).
        public var untrainedStarters: Int

        public init(regionCode: String, regionName: String, sector: String, sectorName: String, month: String, violations: Int = 0,
                    spotExamined: Int = 0, spotFailed: Int = 0, casesOpened: Int = 0, casesClosed: Int = 0, casesOverdue: Int = 0,
                    repeatViolators: Int = 0, untrainedStarters: Int = 0) {
            self.regionCode = regionCode
            self.regionName = regionName
            self.sector = sector
            self.sectorName = sectorName
            self.month = month
            self.violations = violations
            self.spotExamined = spotExamined
            self.spotFailed = spotFailed
            self.casesOpened = casesOpened
            self.casesClosed = casesClosed
            self.casesOverdue = casesOverdue
            self.repeatViolators = repeatViolators
            self.untrainedStarters = untrainedStarters
        }
    }

    public var region: String
    public var regionName: String
    public var year: Int
    public var asOf: String
    public var overdueDays: Int
    public var rows: [Row]

    public init(region: String, regionName: String, year: Int, asOf: String, overdueDays: Int, rows: [Row]) {
        self.region = region
        self.regionName = regionName
        self.year = year
        self.asOf = asOf
        self.overdueDays = overdueDays
        self.rows = rows
    }
}

/// One name behind a figure of the summary (drill-down, the caller's region only).
public struct SafetySummaryPerson: Codable, Sendable, Equatable {
    public var personId: String
    public var name: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var regionCode: String
    public var date: String
    public var detail: String

    public init(personId: String, name: String, enterpriseId: String, enterpriseName: String, regionCode: String, date: String, detail: String) {
        self.personId = personId
        self.name = name
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.regionCode = regionCode
        self.date = date
        self.detail = detail
    }
}

/// R-WAVE-5: work-injury-prevention training of the three categories in key
/// 非煤矿山 and 机械制造 enterprises, per child region, with the deadline.
public struct InjuryPreventionCoverage: Codable, Sendable, Equatable {
    public struct Figures: Codable, Sendable, Equatable {
        public var category: String
        public var categoryLabel: String
        public var target: Int
        public var trained: Int
        public var rate: Double?
        public init(category: String, categoryLabel: String, target: Int, trained: Int) {
            self.category = category
            self.categoryLabel = categoryLabel
            self.target = target
            self.trained = trained
            self.rate = target > 0 ? Double(trained) / Double(target) : nil
        }
    }

    public struct Area: Codable, Sendable, Equatable {
        public var regionCode: String
        public var regionName: String
        public var enterprises: Int
        public var figures: [Figures]
        public init(regionCode: String, regionName: String, enterprises: Int, figures: [Figures]) {
            self.regionCode = regionCode
            self.regionName = regionName
            self.enterprises = enterprises
            self.figures = figures
        }
    }

    public var region: String
    public var regionName: String
    public var asOf: String
    public var deadline: String
    /// Days from the as-of date to the deadline; negative once it has passed.
    public var daysToDeadline: Int
    public var total: Area
    public var areas: [Area]

    public init(region: String, regionName: String, asOf: String, deadline: String, daysToDeadline: Int, total: Area, areas: [Area]) {
        self.region = region
        self.regionName = regionName
        self.asOf = asOf
        self.deadline = deadline
        self.daysToDeadline = daysToDeadline
        self.total = total
        self.areas = areas
    }
}
