import AnpeiDomain
import Foundation

public struct Certificate: Codable, Sendable {
    public struct Review: Codable, Sendable {
        public var date: String
        public var trainingHours: Int
        public var passed: Bool
        /// Why a review was not passed (MEM-30 Art. 25); nil when passed.
        public var ground: String?

        public init(date: String, trainingHours: Int, passed: Bool, ground: String? = nil) {
            self.date = date
            self.trainingHours = trainingHours
            self.passed = passed
            self.ground = ground
        }
    }

    /// One special-operations employment of the holder (R-CERT-8).
    public struct PostSpell: Codable, Sendable {
        public var start: String
        public var end: String?
        public init(start: String, end: String? = nil) {
            self.start = start
            self.end = end
        }
    }

    public var id: String
    public var personId: String
    public var personName: String
    public var catalogueVersion: String
    public var itemCode: String
    public var itemName: String
    public var number: String
    public var issuingAuthority: String
    public var firstIssued: String
    /// Start of the current validity period (R-CERT-12).
    public var validityStart: String
    public var validityEnd: String
    public var extensionConsentDate: String?
    public var inTradeSince: String?
    public var violations: Int
    public var revokedOn: String?
    public var revokedReason: String?
    public var cancelledOn: String?
    public var cancelledReason: String?
    /// R-CERT-14: the causes from the fixed lists.
    public var revokedCause: String?
    public var cancelledCause: String?
    /// R-CERT-2: registered in the national networked system on this date.
    public var nationalRegistration: String?
    public var reviews: [Review]
    /// The holder's special-operations employments: facts from which the
    /// domain decides R-CERT-8 for the date asked (issue 10: one clock).
    public var posts: [PostSpell]
    /// Passed practical re-examinations (R-CERT-8).
    public var practicalExams: [String]
    /// Validity periods before the current one, oldest first (R-CERT-12: a
    /// renewal keeps the number and starts a new period).
    public var earlierPeriods: [Period]

    public struct Period: Codable, Sendable {
        public var start: String
        public var end: String
        public init(start: String, end: String) {
            self.start = start
            self.end = end
        }
    }

    public init(id: String, personId: String, personName: String, catalogueVersion: String, itemCode: String, itemName: String, number: String, issuingAuthority: String, firstIssued: String, validityStart: String, validityEnd: String, extensionConsentDate: String? = nil, inTradeSince: String? = nil, violations: Int, revokedOn: String? = nil, revokedReason: String? = nil, cancelledOn: String? = nil, cancelledReason: String? = nil, revokedCause: String? = nil, cancelledCause: String? = nil, nationalRegistration: String? = nil, reviews: [Review], posts: [PostSpell], practicalExams: [String], earlierPeriods: [Period] = []) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.catalogueVersion = catalogueVersion
        self.itemCode = itemCode
        self.itemName = itemName
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.firstIssued = firstIssued
        self.validityStart = validityStart
        self.validityEnd = validityEnd
        self.extensionConsentDate = extensionConsentDate
        self.inTradeSince = inTradeSince
        self.violations = violations
        self.revokedOn = revokedOn
        self.revokedReason = revokedReason
        self.cancelledOn = cancelledOn
        self.cancelledReason = cancelledReason
        self.revokedCause = revokedCause
        self.cancelledCause = cancelledCause
        self.nationalRegistration = nationalRegistration
        self.reviews = reviews
        self.posts = posts
        self.practicalExams = practicalExams
        self.earlierPeriods = earlierPeriods
    }
}
