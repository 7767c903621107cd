import AnpeiDomain
import Foundation

/// A certificate row with its reviews and what the status rules need from
/// the holder's employment (the last day on a special-operations post),
/// decoded column by column from libpq's text (no JSON on this hot path: the
/// work check reads it for every request).
public struct CertificateRow: Sendable {
    public struct Review: Sendable {
        public var date: CivilDate
        public var trainingHours: Int
        public var passed: Bool
        public var ground: String?
    }

    public var id: UUID
    public var personID: UUID
    public var personName: String
    public var catalogueVersion: String
    public var itemCode: String
    public var itemName: String
    public var number: String
    public var issuingAuthority: String
    public var firstIssued: CivilDate
    /// Start of the current validity period (R-CERT-12).
    public var validityStart: CivilDate
    public var validityEnd: CivilDate
    public var extensionConsentDate: CivilDate?
    public var inTradeSince: CivilDate?
    public var violations: Int
    public var revokedOn: CivilDate?
    public var revokedReason: String?
    public var cancelledOn: CivilDate?
    public var cancelledReason: String?
    public var reviews: [Review]
    /// The holder's special-operations employments, as facts: R-CERT-8 is
    /// decided by the domain for the requested date (issue 10: one clock).
    public var posts: [SpecialOpCertificate.PostSpell]
    /// Dates of passed practical re-examinations (R-CERT-8).
    public var practicalExams: [CivilDate]
    /// R-CERT-2: registered in the national networked system on this date.
    public var nationalRegistration: CivilDate?
    public var revokedCause: String?
    public var cancelledCause: String?
    /// Earlier validity periods, oldest first (R-CERT-12).
    public var earlierPeriods: [(start: CivilDate, end: CivilDate)]

    init(row: PGRow) throws {
        id = try row.decode("id")
        personID = try row.decode("person_id")
        personName = try row.decode("person_name")
        catalogueVersion = try row.decode("catalogue_version")
        itemCode = try row.decode("item_code")
        itemName = try row.decode("item_name")
        number = try row.decode("number")
        issuingAuthority = try row.decode("issuing_authority")
        firstIssued = try row.decode("first_issued")
        validityStart = try row.decode("validity_start")
        validityEnd = try row.decode("validity_end")
        extensionConsentDate = try row.decode("extension_consent_date")
        inTradeSince = try row.decode("in_trade_since")
        violations = try row.decode("violations")
        revokedOn = try row.decode("revoked_on")
        revokedReason = try row.decode("revoked_reason")
        cancelledOn = try row.decode("cancelled_on")
        cancelledReason = try row.decode("cancelled_reason")
        let dates: [CivilDate] = try row.decode("review_dates")
        let hours: [Int] = try row.decode("review_hours")
        let passed: [Bool] = try row.decode("review_passed")
        let grounds: [String] = try row.decode("review_grounds")
        guard dates.count == hours.count, dates.count == passed.count, dates.count == grounds.count else {
            throw StoreError.decoding(column: "review_dates", message: "review arrays differ in length")
        }
        reviews = dates.indices.map {
            Review(date: dates[$0], trainingHours: hours[$0], passed: passed[$0], ground: grounds[$0].isEmpty ? nil : grounds[$0])
        }
        let postStarts: [CivilDate] = try row.decode("post_starts")
        let postEnds: [CivilDate] = try row.decode("post_ends")
        guard postStarts.count == postEnds.count else {
            throw StoreError.decoding(column: "post_starts", message: "post arrays differ in length")
        }
        posts = postStarts.indices.map { .init(start: postStarts[$0], end: postEnds[$0] == Self.openEnd ? nil : postEnds[$0]) }
        practicalExams = try row.decode("practical_exams")
        nationalRegistration = try row.decode("national_registration")
        revokedCause = try row.decode("revoked_cause")
        cancelledCause = try row.decode("cancelled_cause")
        let starts: [CivilDate] = try row.decode("period_starts")
        let ends: [CivilDate] = try row.decode("period_ends")
        guard starts.count == ends.count else {
            throw StoreError.decoding(column: "period_starts", message: "period arrays differ in length")
        }
        earlierPeriods = starts.indices.map { (starts[$0], ends[$0]) }
    }

    /// How the query spells an employment that has not ended (arrays carry no NULL dates).
    static let openEnd = CivilDate(year: 9999, month: 12, day: 31)!

    /// The facts in the domain's terms.
    public var domain: SpecialOpCertificate {
        SpecialOpCertificate(
            firstIssued: firstIssued, validityStart: validityStart, validityEnd: validityEnd,
            reviews: reviews.map {
                .init(date: $0.date, trainingHours: $0.trainingHours, passed: $0.passed, ground: $0.ground.flatMap(ReviewRefusalGround.init(rawValue:)))
            },
            extensionConsent: extensionConsentDate.map { .init(date: $0) },
            inTradeSince: inTradeSince, violations: violations,
            revoked: revokedOn.map { .init(date: $0, reason: revokedReason ?? "") },
            cancelled: cancelledOn.map { .init(date: $0, reason: cancelledReason ?? "") },
            posts: posts, practicalExams: practicalExams)
    }
}
