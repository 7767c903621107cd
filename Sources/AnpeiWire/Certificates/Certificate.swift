import AnpeiDomain
import Foundation

public struct Certificate: Codable, Sendable {
    public struct Review: Codable, Sendable {
        public var date: String
        public var trainingHours: Int
        public var passed: Bool

        public init(date: String, trainingHours: Int, passed: Bool) {
            self.date = date
            self.trainingHours = trainingHours
            self.passed = passed
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
    public var reviews: [Review]
    /// True when the holder has an open-ended special-operations employment.
    /// A fact, not a judgement for today: R-CERT-8 is decided by the domain
    /// for the requested date from this and `lastPostEnd` (issue 10: one clock).
    public var onPost: Bool
    /// The latest end date of a special-operations employment (which may lie
    /// after the date asked about: then the holder is still on post that day).
    public var lastPostEnd: String?
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

    public init(id: String, personId: String, personName: String, catalogueVersion: String, itemCode: String, itemName: String, number: String, issuingAuthority: String, firstIssued: String, validityStart: String, validityEnd: String, extensionConsentDate: String? = nil, inTradeSince: String? = nil, violations: Int, revokedOn: String? = nil, revokedReason: String? = nil, cancelledOn: String? = nil, cancelledReason: String? = nil, reviews: [Review], onPost: Bool, lastPostEnd: String? = nil, earlierPeriods: [Period] = []) {
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
        self.reviews = reviews
        self.onPost = onPost
        self.lastPostEnd = lastPostEnd
        self.earlierPeriods = earlierPeriods
    }
}
