import AnpeiDomain
import Foundation

/// their employments), as for people.
public struct CertificateRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// The columns of `CertificateRow` for a certificate `c` with its holder `p` and item `i`.
    static let document = """
        c.id, c.person_id, p.name AS person_name, c.catalogue_version, c.item_code, i.name_zh AS item_name, c.number,
        c.issuing_authority, c.first_issued, c.validity_start, c.validity_end, c.extension_consent_date, c.in_trade_since,
        -- R-CERT-6: violations counted on the certificate (imports) plus the 三违
        -- records within the validity period that no correction superseded.
        c.violations + (SELECT count(*) FROM violations v WHERE v.person_id = c.person_id AND v.kind <> 'spot_exam_failed'
                        AND v.occurred_on BETWEEN c.validity_start AND c.validity_end
                        AND NOT EXISTS (SELECT 1 FROM violations s WHERE s.supersedes = v.id))::int AS violations,
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
}
