import AnpeiDomain
import Foundation

/// A certificate row with its reviews and what the status rules need from
/// the holder's employment (the last day on a special-operations post).
public struct CertificateRow: Codable, Sendable {
    public struct Review: Codable, Sendable {
        public var date: String
        public var trainingHours: Int
        public var passed: Bool
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

    /// The facts in the domain's terms.
    public var domain: SpecialOpCertificate {
        SpecialOpCertificate(
            firstIssued: CivilDate(iso: firstIssued)!, validityEnd: CivilDate(iso: validityEnd),
            reviews: reviews.compactMap { r in CivilDate(iso: r.date).map { .init(date: $0, trainingHours: r.trainingHours, passed: r.passed) } },
            extensionConsent: extensionConsentDate.flatMap { CivilDate(iso: $0) }.map { .init(date: $0) },
            inTradeSince: inTradeSince.flatMap { CivilDate(iso: $0) }, violations: violations,
            revoked: revokedOn.flatMap { CivilDate(iso: $0) }.map { .init(date: $0, reason: revokedReason ?? "") },
            cancelled: cancelledOn.flatMap { CivilDate(iso: $0) }.map { .init(date: $0, reason: cancelledReason ?? "") },
            offPostSince: onPost ? nil : lastPostEnd.flatMap { CivilDate(iso: $0) })
    }
}

public struct CertificateValues: Codable, Sendable {
    public var personId: String
    public var itemCode: String
    public var number: String?
    public var issuingAuthority: String
    public var firstIssued: String
    public var validityEnd: String?
    public var extensionConsentDate: String?
    public var inTradeSince: String?
    public var catalogueVersion: String?

    public init(personId: String, itemCode: String, number: String? = nil, issuingAuthority: String, firstIssued: String,
                validityEnd: String? = nil, extensionConsentDate: String? = nil, inTradeSince: String? = nil, catalogueVersion: String? = nil) {
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

    /// One JSON document per certificate `c` with its holder `p` and item `i`.
    static let document = """
        jsonb_build_object(
            'id', c.id, 'personId', c.person_id, 'personName', p.name, 'catalogueVersion', c.catalogue_version,
            'itemCode', c.item_code, 'itemName', i.name_zh, 'number', c.number, 'issuingAuthority', c.issuing_authority,
            'firstIssued', c.first_issued, 'validityEnd', c.validity_end, 'extensionConsentDate', c.extension_consent_date,
            'inTradeSince', c.in_trade_since, 'violations', c.violations, 'revokedOn', c.revoked_on,
            'revokedReason', c.revoked_reason, 'cancelledOn', c.cancelled_on, 'cancelledReason', c.cancelled_reason,
            'reviews', coalesce((SELECT jsonb_agg(jsonb_build_object('date', r.review_date, 'trainingHours', r.training_hours,
                                                                   'passed', r.passed) ORDER BY r.review_date)
                                 FROM certificate_reviews r WHERE r.certificate_id = c.id), '[]'::jsonb),
            'onPost', EXISTS (SELECT 1 FROM employments e WHERE e.person_id = c.person_id AND 'special_operations' = ANY (e.roles)
                              AND e.end_date IS NULL),
            'lastPostEnd', (SELECT max(e.end_date) FROM employments e WHERE e.person_id = c.person_id
                            AND 'special_operations' = ANY (e.roles))) AS doc
        FROM certificates c JOIN people p ON p.id = c.person_id
        JOIN special_op_items i ON i.catalogue_version = c.catalogue_version AND i.code = c.item_code
        """

    public func find(id: UUID, scope: ScopeFilter) throws -> CertificateRow? {
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query("SELECT \(raw: Self.document) WHERE \(scope.visible(.person(id: "c.person_id"))) AND c.id = \(id)")
            .first.map { try JSONColumn.decode($0, "doc", as: CertificateRow.self) }
    }

    /// By number, unscoped: for the public verification only.
    public func find(number: String) throws -> CertificateRow? {
        try conn.query("SELECT \(raw: Self.document) WHERE c.number = \(number)")
            .first.map { try JSONColumn.decode($0, "doc", as: CertificateRow.self) }
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
        ).rows.map { try JSONColumn.decode($0, "doc", as: CertificateRow.self) }
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
            .rows.map { try JSONColumn.decode($0, "doc", as: CertificateRow.self) }
    }

    /// People on special-operations posts at an enterprise on a date.
    public func specialOperationsStaff(_ enterpriseID: UUID, on date: String) throws -> [(id: String, name: String, post: String)] {
        try conn.query(
            """
            SELECT DISTINCT p.id::text AS id, p.name, e.post FROM employments e JOIN people p ON p.id = e.person_id
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
        ).rows.map { try JSONColumn.decode($0, "doc", as: CertificateRow.self) }
    }

    public func insert(_ c: CertificateValues, number: String, validityEnd: String, catalogue: String) throws -> UUID {
        try conn.query(
            """
            INSERT INTO certificates (person_id, catalogue_version, item_code, number, issuing_authority, first_issued,
                                      validity_end, extension_consent_date, in_trade_since)
            VALUES (\(c.personId)::uuid, \(catalogue), \(c.itemCode), \(number), \(c.issuingAuthority), \(c.firstIssued)::date, \(validityEnd)::date, \(c.extensionConsentDate)::date, \(c.inTradeSince)::date) RETURNING id
            """
        ).first!.decode("id")
    }

    public func addReview(id: UUID, date: CivilDate, hours: Int, passed: Bool) throws {
        try conn.query(
            "INSERT INTO certificate_reviews (certificate_id, review_date, training_hours, passed) VALUES (\(id), \(date.description)::date, \(hours), \(passed))")
    }

    public func end(id: UUID, revoked: Bool, on date: CivilDate, reason: String) throws {
        if revoked {
            try conn.query("UPDATE certificates SET revoked_on = \(date.description)::date, revoked_reason = \(reason), updated_at = now() WHERE id = \(id)")
        } else {
            try conn.query("UPDATE certificates SET cancelled_on = \(date.description)::date, cancelled_reason = \(reason), updated_at = now() WHERE id = \(id)")
        }
    }

    /// The rule sets as stored (params decode to the domain type).
    public func ruleSets() throws -> [CertificateRuleSet] {
        try conn.query("SELECT id, effective_from, params::text AS params FROM certificate_rule_sets").rows.map { row in
            var json = try JSONSerialization.jsonObject(with: Data(try row.decode("params", as: String.self).utf8)) as! [String: Any]
            json["id"] = try row.decode("id", as: String.self)
            let from: PGDate = try row.decode("effective_from")
            json["effectiveFrom"] = ["year": from.year, "month": from.month, "day": from.day]
            return try JSONDecoder().decode(CertificateRuleSet.self, from: JSONSerialization.data(withJSONObject: json))
        }
    }
}
