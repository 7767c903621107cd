import AnpeiDomain
import Foundation

extension ImportRepository {

    public func importCertificates(_ rows: [StagedCertificate], actor: AuditActor, today: String, progress: (Int) -> Void) throws -> ImportCounts {
        try beginCertificates()
        try stageCertificates(rows, progress: progress)
        return try finishCertificates(actor: actor, today: today)
    }

    public func beginCertificates() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_certificates (
                row_no int, person_id uuid, number text, item_code text, catalogue_version text, first_issued date, validity_start date, validity_end date,
                authority text, reviewed_on date, ending text, national_registration date) ON COMMIT DROP
            """)
    }

    public func stageCertificates(_ rows: [StagedCertificate], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_certificates FROM STDIN", progress: progress) { r in
            [String(r.row), r.personID.uuidString, Self.field(r.number), Self.field(r.itemCode), Self.field(r.catalogueVersion), Self.field(r.firstIssued),
             Self.field(r.validityStart), Self.field(r.validityEnd), Self.field(r.authority), Self.field(r.reviewedOn), Self.field(r.ending),
             Self.field(r.nationalRegistration)].joined(separator: "\t")
        }
    }

    public func finishCertificates(actor: AuditActor, today: String) throws -> ImportCounts {
        try conn.query(
            """
            CREATE TEMP TABLE import_certificate_plan ON COMMIT DROP AS
            SELECT s.*, c.id AS existing_id,
                   CASE WHEN c.id IS NULL THEN 'create'
                        WHEN (c.person_id, c.catalogue_version, c.item_code, c.first_issued, c.validity_start, c.validity_end, c.issuing_authority,
                              c.revoked_on IS NOT NULL, c.cancelled_on IS NOT NULL, c.national_registration)
                             IS DISTINCT FROM (s.person_id, s.catalogue_version, s.item_code, s.first_issued, s.validity_start, s.validity_end,
                              s.authority, coalesce(s.ending = 'revoked', false), coalesce(s.ending IN ('revoked', 'cancelled'), false),
                              coalesce(s.national_registration, c.national_registration))
                          OR (s.reviewed_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificate_reviews r
                              WHERE r.certificate_id = c.id AND r.review_date = s.reviewed_on))
                        THEN 'update' ELSE 'same' END AS action
            FROM import_certificates s LEFT JOIN certificates c ON c.number = s.number
            """)
        try conn.query(
            """
            INSERT INTO certificates (person_id, catalogue_version, item_code, number, issuing_authority, first_issued, validity_start,
                                      validity_end, revoked_on, revoked_reason, cancelled_on, cancelled_reason, cancelled_cause,
                                      national_registration)
            SELECT person_id, catalogue_version, item_code, number, authority, first_issued, validity_start, validity_end,
                   CASE WHEN ending = 'revoked' THEN \(today)::date END, CASE WHEN ending = 'revoked' THEN '批量导入：撤销' END,
                   CASE WHEN ending IN ('revoked', 'cancelled') THEN \(today)::date END,
                   CASE WHEN ending = 'cancelled' THEN '批量导入：注销' WHEN ending = 'revoked' THEN '批量导入：撤销' END,
                   CASE WHEN ending = 'revoked' THEN 'revoked' END, national_registration
            FROM import_certificate_plan WHERE action = 'create'
            """)
        try conn.query(
            """
            UPDATE certificates c SET person_id = s.person_id, catalogue_version = s.catalogue_version, item_code = s.item_code,
                   first_issued = s.first_issued, national_registration = coalesce(s.national_registration, c.national_registration),
                   validity_start = s.validity_start, validity_end = s.validity_end, issuing_authority = s.authority,
                   revoked_on = CASE WHEN s.ending = 'revoked' THEN coalesce(c.revoked_on, \(today)::date) END,
                   revoked_reason = CASE WHEN s.ending = 'revoked' THEN coalesce(c.revoked_reason, '批量导入：撤销') END,
                   cancelled_on = CASE WHEN s.ending IN ('revoked', 'cancelled') THEN coalesce(c.cancelled_on, \(today)::date) END,
                   cancelled_reason = CASE WHEN s.ending IN ('revoked', 'cancelled') THEN coalesce(c.cancelled_reason, '批量导入：注销') END,
                   cancelled_cause = CASE WHEN s.ending = 'revoked' THEN coalesce(c.cancelled_cause, 'revoked')
                                          WHEN s.ending = 'cancelled' THEN c.cancelled_cause END,
                   updated_at = now()
            FROM import_certificate_plan s WHERE s.action = 'update' AND c.id = s.existing_id
            """)
        try conn.query(
            """
            INSERT INTO certificate_reviews (certificate_id, review_date, training_hours, passed)
            SELECT c.id, s.reviewed_on, 0, true FROM import_certificate_plan s JOIN certificates c ON c.number = s.number
            WHERE s.reviewed_on IS NOT NULL AND s.action <> 'same'
              AND NOT EXISTS (SELECT 1 FROM certificate_reviews r WHERE r.certificate_id = c.id AND r.review_date = s.reviewed_on)
            """)
        try conn.query(
            AuditRepository.rows(by: actor, from: """
                SELECT 'certificate.' || CASE s.action WHEN 'create' THEN 'registered' ELSE 'updated' END, 'certificate', c.id::text, jsonb_build_object('source', 'import')
                FROM import_certificate_plan s JOIN certificates c ON c.number = s.number WHERE s.action = 'update'
                """))
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_certificate_plan
            """).one()
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("s")
        return counts
    }

    /// People by resident-ID number (for certificate files).
    public func peopleByDocument(_ numbers: [String]) throws -> [String: (id: UUID, name: String)] {
        var out: [String: (UUID, String)] = [:]
        for row in try conn.query(
            "SELECT id, document_number, name FROM people WHERE document_number = ANY (\(PGArray(numbers))::text[])"
        ).rows {
            out[try row.decode("document_number")] = (try row.decode("id"), try row.decode("name"))
        }
        return out
    }
}
