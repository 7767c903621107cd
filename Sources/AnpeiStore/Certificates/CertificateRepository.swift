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

public struct CertificateValues: Codable, Sendable {
    public var personId: String
    public var itemCode: String
    public var number: String?
    public var issuingAuthority: String
    public var firstIssued: String
    public var validityStart: String?
    public var validityEnd: String?
    public var extensionConsentDate: String?
    public var inTradeSince: String?
    public var catalogueVersion: String?

    public init(personId: String, itemCode: String, number: String? = nil, issuingAuthority: String, firstIssued: String,
                validityStart: String? = nil, validityEnd: String? = nil, extensionConsentDate: String? = nil, inTradeSince: String? = nil,
                catalogueVersion: String? = nil) {
        self.validityStart = validityStart
        self.personId = personId
        self.itemCode = itemCode
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.firstIssued = firstIssued
        self.validityEnd = validityEnd
        self.extensionConsentDate = extensionConsentDate
        self.inTradeSince = inTradeSince
        self.catalogueVersion = catalogueVersion
    }
}

/// SQL for certificates. Visibility follows the holder (ScopeFilter through
/// their employments), as for people.
public struct CertificateRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// The columns of `CertificateRow` for a certificate `c` with its holder `p` and item `i`.
    static let document = """
        c.id, c.person_id, p.name AS person_name, c.catalogue_version, c.item_code, i.name_zh AS item_name, c.number,
        c.issuing_authority, c.first_issued, c.validity_start, c.validity_end, c.extension_consent_date, c.in_trade_since, c.violations,
        c.revoked_on, c.revoked_reason, c.cancelled_on, c.cancelled_reason, c.revoked_cause, c.cancelled_cause,
        c.national_registration,
        coalesce(rv.dates, '{}') AS review_dates, coalesce(rv.hours, '{}') AS review_hours, coalesce(rv.passed, '{}') AS review_passed,
        coalesce(rv.grounds, '{}') AS review_grounds,
        ARRAY(SELECT e.start_date FROM employments e WHERE e.person_id = c.person_id AND 'special_operations' = ANY (e.roles)
              ORDER BY e.start_date, e.id) AS post_starts,
        ARRAY(SELECT coalesce(e.end_date, '9999-12-31') FROM employments e WHERE e.person_id = c.person_id
              AND 'special_operations' = ANY (e.roles) ORDER BY e.start_date, e.id) AS post_ends,
        ARRAY(SELECT x.exam_date FROM certificate_practical_exams x WHERE x.certificate_id = c.id AND x.passed
              ORDER BY x.exam_date) AS practical_exams,
        ARRAY(SELECT x.validity_start FROM certificate_periods x WHERE x.certificate_id = c.id ORDER BY x.validity_start) AS period_starts,
        ARRAY(SELECT x.validity_end FROM certificate_periods x WHERE x.certificate_id = c.id ORDER BY x.validity_start) AS period_ends
        FROM certificates c JOIN people p ON p.id = c.person_id
        JOIN special_op_items i ON i.catalogue_version = c.catalogue_version AND i.code = c.item_code
        LEFT JOIN LATERAL (
            SELECT array_agg(r.review_date ORDER BY r.review_date) AS dates, array_agg(r.training_hours ORDER BY r.review_date) AS hours,
                   array_agg(r.passed ORDER BY r.review_date) AS passed,
                   array_agg(coalesce(r.refusal_ground, '') ORDER BY r.review_date) AS grounds
            FROM certificate_reviews r WHERE r.certificate_id = c.id) rv ON TRUE
        """

    public func find(id: UUID, scope: ScopeFilter) throws -> CertificateRow? {
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query("SELECT \(raw: Self.document) WHERE \(scope.visible(.person(id: "c.person_id"))) AND c.id = \(id)")
            .first.map(CertificateRow.init(row:))
    }

    /// By number, unscoped: for the public verification only.
    public func find(number: String) throws -> CertificateRow? {
        try conn.query("SELECT \(raw: Self.document) WHERE c.number = \(number)")
            .first.map(CertificateRow.init(row:))
    }

    /// Certificates of people currently employed at an enterprise (the caller's
    /// access to the enterprise is checked before).
    public func forEnterprise(_ enterpriseID: UUID, on date: String) throws -> [CertificateRow] {
        try conn.query(
            """
            SELECT \(raw: Self.document) WHERE EXISTS (SELECT 1 FROM employments x WHERE x.person_id = c.person_id
                AND x.enterprise_id = \(enterpriseID) AND x.start_date <= \(date)::date AND (x.end_date IS NULL OR x.end_date >= \(date)::date))
            ORDER BY p.name, c.item_code
            """
        ).rows.map(CertificateRow.init(row:))
    }

    /// Special-operations employments in a region during a period: one row per
    /// person × enterprise, with the enterprise's division and sectors.
    public func specialOperationsWorkers(regionPrefix: String, from: String, to: String)
        throws -> [(personID: String, name: String, regionCode: String, sectors: [String])]
    {
        try conn.query(
            """
            SELECT DISTINCT e.person_id::text AS person_id, p.name, en.region_code,
                   ARRAY(SELECT sector_code FROM enterprise_sectors s WHERE s.enterprise_id = en.id ORDER BY 1) AS sectors
            FROM employments e JOIN enterprises en ON en.id = e.enterprise_id JOIN people p ON p.id = e.person_id
            WHERE en.region_code LIKE \(regionPrefix) || '%' AND 'special_operations' = ANY (e.roles)
              AND e.start_date <= \(to)::date AND (e.end_date IS NULL OR e.end_date >= \(from)::date)
            """
        ).rows.map { (try $0.decode("person_id"), try $0.decode("name"), try $0.decode("region_code"), try $0.decode("sectors")) }
    }

    /// Certificates of the given people (unscoped: the caller filtered the people).
    public func forPeople(_ ids: [String]) throws -> [CertificateRow] {
        guard !ids.isEmpty else { return [] }
        return try conn.query("SELECT \(raw: Self.document) WHERE c.person_id = ANY (\(PGArray(ids))::uuid[])")
            .rows.map(CertificateRow.init(row:))
    }

    /// People on special-operations posts at an enterprise on a date.
    public func specialOperationsStaff(_ enterpriseID: UUID, on date: String) throws -> [(id: UUID, name: String, post: String)] {
        try conn.query(
            """
            SELECT DISTINCT p.id, p.name, e.post FROM employments e JOIN people p ON p.id = e.person_id
            WHERE e.enterprise_id = \(enterpriseID) AND 'special_operations' = ANY (e.roles)
              AND e.start_date <= \(date)::date AND (e.end_date IS NULL OR e.end_date >= \(date)::date)
            ORDER BY p.name
            """
        ).rows.map { (try $0.decode("id"), try $0.decode("name"), try $0.decode("post")) }
    }

    /// A person's certificates, optionally for one operation item.
    public func forPerson(_ personID: UUID, item: String?, scope: ScopeFilter) throws -> [CertificateRow] {
        guard !scope.nothing, scope.institutionID == nil else { return [] }
        let itemCondition: SQL = item.map { "AND c.item_code = \($0)" } ?? ""
        return try conn.query(
            """
            SELECT \(raw: Self.document) WHERE \(scope.visible(.person(id: "c.person_id"))) AND c.person_id = \(personID) \(itemCondition)
            ORDER BY c.first_issued
            """
        ).rows.map(CertificateRow.init(row:))
    }

    public func insert(_ c: CertificateValues, number: String, validityStart: CivilDate, validityEnd: CivilDate, catalogue: String) throws -> UUID {
        try conn.query(
            """
            INSERT INTO certificates (person_id, catalogue_version, item_code, number, issuing_authority, first_issued,
                                      validity_start, validity_end, extension_consent_date, in_trade_since)
            VALUES (\(c.personId)::uuid, \(catalogue), \(c.itemCode), \(number), \(c.issuingAuthority), \(c.firstIssued)::date,
                    \(validityStart.description)::date, \(validityEnd.description)::date, \(c.extensionConsentDate)::date,
                    \(c.inTradeSince)::date) RETURNING id
            """
        ).one().decode("id")
    }

    /// R-CERT-4: the authority's consent, and the start in the trade when given.
    public func setExtensionConsent(id: UUID, date: CivilDate, inTradeSince: CivilDate?) throws {
        try conn.query("""
            UPDATE certificates SET extension_consent_date = \(date.description)::date,
                   in_trade_since = coalesce(\(inTradeSince?.description)::date, in_trade_since), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// R-CERT-12: the current period goes to the history and the new one starts.
    public func renew(id: UUID, reviewedOn: CivilDate, start: CivilDate, end: CivilDate) throws {
        try conn.query("""
            INSERT INTO certificate_periods (certificate_id, validity_start, validity_end, renewed_on)
            SELECT id, validity_start, validity_end, \(reviewedOn.description)::date FROM certificates WHERE id = \(id)
            """)
        try conn.query("""
            UPDATE certificates SET validity_start = \(start.description)::date, validity_end = \(end.description)::date,
                   updated_at = now()
            WHERE id = \(id)
            """)
    }

    public func addReview(id: UUID, date: CivilDate, hours: Int, passed: Bool, ground: String?) throws {
        try conn.query("""
            INSERT INTO certificate_reviews (certificate_id, review_date, training_hours, passed, refusal_ground)
            VALUES (\(id), \(date.description)::date, \(hours), \(passed), \(ground))
            """)
    }

    /// R-CERT-8: a practical re-examination, passed or not.
    public func addPracticalExam(id: UUID, date: CivilDate, passed: Bool, examiner: String) throws {
        try conn.query("""
            INSERT INTO certificate_practical_exams (certificate_id, exam_date, passed, examiner)
            VALUES (\(id), \(date.description)::date, \(passed), \(examiner))
            """)
    }

    /// R-CERT-2: the date of registration in the national networked system.
    public func setNationalRegistration(id: UUID, date: CivilDate) throws {
        try conn.query("""
            UPDATE certificates SET national_registration = \(date.description)::date, updated_at = now() WHERE id = \(id)
            """)
    }

    /// R-CERT-14: a revoked certificate is cancelled (cause `revoked`) on the
    /// same day unless it was cancelled before.
    public func end(id: UUID, revoked: Bool, on date: CivilDate, reason: String, cause: String) throws {
        if revoked {
            try conn.query("""
                UPDATE certificates SET revoked_on = \(date.description)::date, revoked_reason = \(reason), revoked_cause = \(cause),
                       cancelled_on = coalesce(cancelled_on, \(date.description)::date),
                       cancelled_reason = coalesce(cancelled_reason, \(reason)),
                       cancelled_cause = coalesce(cancelled_cause, 'revoked'), updated_at = now()
                WHERE id = \(id)
                """)
        } else {
            try conn.query("""
                UPDATE certificates SET cancelled_on = \(date.description)::date, cancelled_reason = \(reason),
                       cancelled_cause = \(cause), updated_at = now()
                WHERE id = \(id)
                """)
        }
    }

    /// A person's revocations with their causes (R-CERT-14's bar on new applications).
    public func revocations(personID: UUID) throws -> [(date: CivilDate, cause: String)] {
        try conn.query("""
            SELECT revoked_on, revoked_cause FROM certificates
            WHERE person_id = \(personID) AND revoked_on IS NOT NULL AND revoked_cause IS NOT NULL
            """).rows.map { (try $0.decode("revoked_on"), try $0.decode("revoked_cause")) }
    }

    /// The rule sets as stored (params decode to the domain type).
    public func ruleSets() throws -> [CertificateRuleSet] {
        try conn.query("SELECT id, effective_from, params::text AS params FROM certificate_rule_sets").rows.map { row in
            var json = try JSONSerialization.jsonObject(with: Data(try row.decode("params", as: String.self).utf8)) as! [String: Any]
            json["id"] = try row.decode("id", as: String.self)
            let from: PGDate = try row.decode("effective_from")
            json["effectiveFrom"] = from.description
            return try JSONDecoder().decode(CertificateRuleSet.self, from: JSONSerialization.data(withJSONObject: json))
        }
    }
}

extension CertificateRepository {
    /// The rule sets with their names, oldest first.
    public func storedRuleSets() throws -> [(rules: CertificateRuleSet, name: String)] {
        let names = Dictionary(uniqueKeysWithValues: try conn.query("SELECT id, name FROM certificate_rule_sets").rows.map {
            (try $0.decode("id", as: String.self), try $0.decode("name", as: String.self))
        })
        return try ruleSets().sorted { $0.effectiveFrom < $1.effectiveFrom }.map { ($0, names[$0.id] ?? $0.id) }
    }

    public func insertRuleSet(_ rules: CertificateRuleSet, name: String) throws {
        var params = try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules)) as! [String: Any]
        params["id"] = nil
        params["effectiveFrom"] = nil
        let json = String(decoding: try JSONSerialization.data(withJSONObject: params, options: [.sortedKeys]), as: UTF8.self)
        try conn.query("""
            INSERT INTO certificate_rule_sets (id, effective_from, name, params)
            VALUES (\(rules.id), \(rules.effectiveFrom.description)::date, \(name), \(json)::jsonb)
            """)
    }

    public func insertCatalogue(version: String, name: String, effectiveFrom: CivilDate, categories: [(String, String)], items: [(String, String)]) throws {
        try conn.query("""
            INSERT INTO special_op_catalogues (version, name, effective_from) VALUES (\(version), \(name), \(effectiveFrom.description)::date)
            """)
        for (code, name) in categories {
            try conn.query("INSERT INTO special_op_categories (catalogue_version, code, name_zh) VALUES (\(version), \(code), \(name))")
        }
        for (code, name) in items {
            let category = String(code.split(separator: ".")[0])
            try conn.query("""
                INSERT INTO special_op_items (catalogue_version, code, category_code, name_zh) VALUES (\(version), \(code), \(category), \(name))
                """)
        }
    }
}
