/// One worker's training status for a date (R-HOURS-1/2/3, R-EMP-3).
public struct WorkerHours: Codable, Sendable, Equatable {
    public struct Shortfall: Codable, Sendable, Equatable {
        public var rule: String
        public var code: String
        public var message: String
        public init(rule: String, code: String, message: String) {
            self.rule = rule
            self.code = code
            self.message = message
        }
    }

    public var personId: String
    public var name: String
    public var roles: [String]
    public var post: String
    /// The first working day at the enterprise.
    public var startedOn: String
    /// The latest post change, or return after a year or more away (R-HOURS-3).
    public var postChangedOn: String?
    /// R-HOURS-1 for principals and safety managers, R-HOURS-2 for the others.
    public var management: Bool
    public var highRisk: Bool
    public var initialRequired: Int
    public var initialRecorded: Int
    /// Per year after the start year; nil where the order sets none.
    public var annualRequired: Int?
    /// Hours recorded in the date's calendar year so far.
    public var thisYearRecorded: Int
    public var totalRecorded: Int
    /// 未培训先上岗 (R-EMP-3).
    public var untrainedAtStart: Bool
    /// Off post on the date: a retraining case is open (R-3V-2).
    public var offPost: Bool
    public var shortfalls: [Shortfall]

    public init(personId: String, name: String, roles: [String], post: String, startedOn: String, postChangedOn: String?, management: Bool,
                highRisk: Bool, initialRequired: Int, initialRecorded: Int, annualRequired: Int?, thisYearRecorded: Int, totalRecorded: Int,
                untrainedAtStart: Bool, offPost: Bool, shortfalls: [Shortfall]) {
        self.personId = personId
        self.name = name
        self.roles = roles
        self.post = post
        self.startedOn = startedOn
        self.postChangedOn = postChangedOn
        self.management = management
        self.highRisk = highRisk
        self.initialRequired = initialRequired
        self.initialRecorded = initialRecorded
        self.annualRequired = annualRequired
        self.thisYearRecorded = thisYearRecorded
        self.totalRecorded = totalRecorded
        self.untrainedAtStart = untrainedAtStart
        self.offPost = offPost
        self.shortfalls = shortfalls
    }
}

/// An enterprise's 三违 and training picture for a date: who is off post, the
/// repeat violators, and the hours table with its shortfalls.
public struct EnterpriseSafetyReport: Codable, Sendable, Equatable {
    public struct RepeatViolator: Codable, Sendable, Equatable {
        public var personId: String
        public var name: String
        /// Standing violations within the 12 months up to the date.
        public var violations: Int
        public var dates: [String]
        public init(personId: String, name: String, violations: Int, dates: [String]) {
            self.personId = personId
            self.name = name
            self.violations = violations
            self.dates = dates
        }
    }

    public var enterpriseId: String
    public var enterpriseName: String
    public var date: String
    public var openCases: [CaseView]
    public var repeatViolators: [RepeatViolator]
    public var workers: [WorkerHours]
    /// Workers with at least one shortfall.
    public var workersShort: Int

    public init(enterpriseId: String, enterpriseName: String, date: String, openCases: [CaseView], repeatViolators: [RepeatViolator],
                workers: [WorkerHours], workersShort: Int) {
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.date = date
        self.openCases = openCases
        self.repeatViolators = repeatViolators
        self.workers = workers
        self.workersShort = workersShort
    }
}
