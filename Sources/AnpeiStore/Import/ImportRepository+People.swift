import AnpeiDomain
import Foundation

extension ImportRepository {

    public struct ExistingIdentity: Sendable {
        public let name: String
        public let gender: String?
        public let birthDate: String?
        /// The enterprises that employ or employed the person.
        public let employers: Set<UUID>
    }

    /// Identities already registered for these documents, keyed "type|number".
    public func existingIdentities(_ documents: [(String, String)]) throws -> [String: ExistingIdentity] {
        let rows = try conn.query(
            """
            SELECT p.document_type, p.document_number, p.name, p.gender, p.birth_date::text AS birth_date,
                   ARRAY(SELECT DISTINCT em.enterprise_id::text FROM employments em WHERE em.person_id = p.id) AS employers
            FROM people p
            JOIN unnest(\(PGArray(documents.map(\.0)))::text[], \(PGArray(documents.map(\.1)))::text[]) AS d(document_type, document_number)
              ON p.document_type = d.document_type AND p.document_number = d.document_number
            """).rows
        var out: [String: ExistingIdentity] = [:]
        for row in rows {
            let key = "\(try row.decode("document_type", as: String.self))|\(try row.decode("document_number", as: String.self))"
            out[key] = ExistingIdentity(
                name: try row.decode("name"), gender: try row.decode("gender"), birthDate: try row.decode("birth_date"),
                employers: Set(try row.decode("employers", as: [String].self).compactMap(UUID.init(uuidString:))))
        }
        return out
    }

    public func importPeople(_ rows: [StagedPerson], actor: AuditActor, progress: (Int) -> Void) throws -> ImportCounts {
        try beginPeople()
        try stagePeople(rows, progress: progress)
        return try finishPeople(actor: actor)
    }

    public func beginPeople() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_people (
                row_no int, document_type text, document_number text, name text, gender text, birth_date date,
                phone text, enterprise_id uuid, roles text[], employment_type text, post text, hazardous_post boolean,
                start_date date, end_date date) ON COMMIT DROP
            """)
    }

    public func stagePeople(_ rows: [StagedPerson], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_people FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.documentType), Self.field(r.documentNumber), Self.field(r.name), Self.field(r.gender),
             Self.field(r.birthDate), Self.field(r.phone), r.enterpriseID.uuidString, Self.array(r.roles),
             Self.field(r.employmentType), Self.field(r.post), r.hazardousPost ? "t" : "f", Self.field(r.startDate),
             Self.field(r.endDate)].joined(separator: "\t")
        }
    }

    public func finishPeople(actor: AuditActor) throws -> ImportCounts {
        var counts = ImportCounts()
        // Set-based, in three passes per table rather than ON CONFLICT DO UPDATE,
        // which would lock every existing row even when nothing changed: insert
        // what is new, update what differs, leave the rest untouched.
        try conn.execute("""
            CREATE TEMP TABLE import_people_src ON COMMIT DROP AS
            SELECT DISTINCT ON (document_type, document_number) document_type, document_number, name, gender, birth_date
            FROM import_people ORDER BY document_type, document_number, row_no;
            CREATE TEMP TABLE import_people_ids ON COMMIT DROP AS
            SELECT s.*, p.id AS existing_id,
                   p.id IS NOT NULL AND (p.name, p.gender, p.birth_date) IS DISTINCT FROM
                       (s.name, coalesce(s.gender, p.gender), coalesce(s.birth_date, p.birth_date)) AS changed
            FROM import_people_src s LEFT JOIN people p
              ON p.document_type = s.document_type AND p.document_number = s.document_number;
            """)
        let people = try conn.query(
            """
            WITH ins AS (
                INSERT INTO people (document_type, document_number, name, gender, birth_date)
                SELECT document_type, document_number, name, gender, birth_date FROM import_people_ids
                WHERE existing_id IS NULL
                ON CONFLICT (document_type, document_number) DO NOTHING
                RETURNING 1
            ), upd AS (
                UPDATE people p SET name = s.name, gender = coalesce(s.gender, p.gender),
                       birth_date = coalesce(s.birth_date, p.birth_date), updated_at = now()
                FROM import_people_ids s WHERE s.changed AND p.id = s.existing_id
                RETURNING p.id
            ), audited AS (
                \(AuditRepository.rows(by: actor, from: """
                    SELECT 'person.updated', 'person', id::text, jsonb_build_object('source', 'import') FROM upd
                    """))
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM upd) AS updated,
                   (SELECT count(*) FROM import_people_src) AS total, (SELECT count(*) FROM audited) AS audited
            """
        ).one()
        counts.created = try people.decode("created")
        counts.updated = try people.decode("updated")
        counts.unchanged = try people.decode("total") - counts.created - counts.updated
        try conn.execute("""
            CREATE TEMP TABLE import_employment_plan ON COMMIT DROP AS
            SELECT p.id AS person_id, s.enterprise_id, s.roles, s.employment_type, s.post, s.hazardous_post, s.start_date,
                   s.end_date, s.phone, e.id AS existing_id,
                   e.id IS NOT NULL AND (e.roles, e.employment_type, e.post, e.hazardous_post, e.end_date, e.phone) IS DISTINCT FROM
                       (s.roles, s.employment_type, s.post, s.hazardous_post, s.end_date, coalesce(s.phone, e.phone)) AS changed
            FROM import_people s
            JOIN people p ON p.document_type = s.document_type AND p.document_number = s.document_number
            LEFT JOIN employments e ON e.person_id = p.id AND e.enterprise_id = s.enterprise_id AND e.start_date = s.start_date;
            """)
        let employments = try conn.query(
            """
            WITH ins AS (
                INSERT INTO employments (person_id, enterprise_id, roles, employment_type, post, hazardous_post, start_date, end_date, phone)
                SELECT person_id, enterprise_id, roles, employment_type, post, hazardous_post, start_date, end_date, phone
                FROM import_employment_plan WHERE existing_id IS NULL
                ON CONFLICT (person_id, enterprise_id, start_date) DO NOTHING
                RETURNING 1
            ), upd AS (
                UPDATE employments e SET roles = s.roles, employment_type = s.employment_type, post = s.post,
                       hazardous_post = s.hazardous_post, end_date = s.end_date, phone = coalesce(s.phone, e.phone),
                       updated_at = now()
                FROM import_employment_plan s WHERE s.changed AND e.id = s.existing_id
                RETURNING e.id, e.person_id, e.enterprise_id
            ), audited AS (
                \(AuditRepository.rows(by: actor, from: """
                    SELECT 'employment.updated', 'employment', id::text, jsonb_build_object('source', 'import', 'personId', person_id, 'enterpriseId', enterprise_id)
                    FROM upd
                    """))
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM upd) AS updated, (SELECT count(*) FROM audited) AS audited
            """
        ).one()
        counts.employmentsCreated = try employments.decode("created")
        counts.employmentsUpdated = try employments.decode("updated")
        return counts
    }
}
