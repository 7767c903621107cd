import Foundation

/// Validated rows, ready to stage.
public struct StagedPerson: Sendable {
    public var row: Int
    public var documentType: String
    public var documentNumber: String
    public var name: String
    public var gender: String?
    public var birthDate: String?
    public var phone: String?
    public var enterpriseID: UUID
    public var roles: [String]
    public var employmentType: String
    public var post: String
    public var hazardousPost: Bool
    public var startDate: String
    public var endDate: String?

    public init(row: Int, documentType: String, documentNumber: String, name: String, gender: String?, birthDate: String?,
                phone: String?, enterpriseID: UUID, roles: [String], employmentType: String, post: String,
                hazardousPost: Bool, startDate: String, endDate: String?) {
        self.row = row
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.phone = phone
        self.enterpriseID = enterpriseID
        self.roles = roles
        self.employmentType = employmentType
        self.post = post
        self.hazardousPost = hazardousPost
        self.startDate = startDate
        self.endDate = endDate
    }
}

public struct StagedCertificate: Sendable {
    public var row: Int
    public var personID: UUID
    public var number: String
    public var itemCode: String
    public var firstIssued: String
    public var validityEnd: String
    public var authority: String
    public var reviewedOn: String?
    /// nil, "revoked" or "cancelled"
    public var ending: String?

    public init(row: Int, personID: UUID, number: String, itemCode: String, firstIssued: String, validityEnd: String,
                authority: String, reviewedOn: String?, ending: String?) {
        self.row = row
        self.personID = personID
        self.number = number
        self.itemCode = itemCode
        self.firstIssued = firstIssued
        self.validityEnd = validityEnd
        self.authority = authority
        self.reviewedOn = reviewedOn
        self.ending = ending
    }
}

public struct StagedRegion: Sendable {
    public var row: Int
    public var code: String
    public var name: String
    public var parentCode: String?
    public init(row: Int, code: String, name: String, parentCode: String?) {
        self.row = row
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}

public struct StagedEnterprise: Sendable {
    public var row: Int
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var keyEnterprise: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var status: String
    /// "kind:name" entries, sorted.
    public var areas: [String]

    public init(row: Int, creditCode: String, name: String, regionCode: String, sectors: [String], keyEnterprise: Bool,
                highRiskOverride: Bool?, highRiskOverrideReason: String?, status: String, areas: [String]) {
        self.row = row
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.sectors = sectors
        self.keyEnterprise = keyEnterprise
        self.highRiskOverride = highRiskOverride
        self.highRiskOverrideReason = highRiskOverrideReason
        self.status = status
        self.areas = areas
    }
}

public struct StagedInstitution: Sendable {
    public var row: Int
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var trainingKinds: [String]
    public var specialOpCategories: [String]
    public var status: String
    public var rectifyDeadline: String?

    public init(row: Int, creditCode: String, name: String, regionCode: String, trainingKinds: [String],
                specialOpCategories: [String], status: String, rectifyDeadline: String?) {
        self.row = row
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.trainingKinds = trainingKinds
        self.specialOpCategories = specialOpCategories
        self.status = status
        self.rectifyDeadline = rectifyDeadline
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportCounts: Codable, Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var employmentsCreated = 0
    public var employmentsUpdated = 0
    public init() {}
}

/// Who an import's audit rows name.
public struct ImportActor: Sendable {
    public var id: UUID?
    public var name: String
    public var requestID: String
    public init(id: UUID?, name: String, requestID: String) {
        self.id = id
        self.name = name
        self.requestID = requestID
    }
}

/// Bulk loads: COPY into a temporary staging table, then set-based upserts on
/// the natural keys (credit code; document type + number; person + enterprise
/// + start date). Updated rows get an audit row each, written by SQL in the
/// same transaction.
public struct ImportRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// COPY text format: backslash escapes, \N for NULL.
    static func field(_ s: String?) -> String {
        guard let s else { return "\\N" }
        if !s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func array(_ items: [String]) -> String {
        // Codes (the usual content) need no quoting at all.
        if items.allSatisfy({ !$0.isEmpty && $0 != "null" && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2E } }) {
            return "{" + items.joined(separator: ",") + "}"
        }
        // Array literal inside a COPY field: quote each element, escape for both layers.
        return field("{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}")
    }

    func copy<T>(_ rows: [T], into sql: String, progress: (Int) -> Void, line: (T) -> String) throws {
        _ = try conn.copyIn(sql) { write in
            var chunk = ""
            chunk.reserveCapacity(1 << 20)
            for (i, row) in rows.enumerated() {
                chunk += line(row)
                chunk += "\n"
                if chunk.utf8.count > (1 << 20) - 4096 {
                    try write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                    progress(i + 1)
                }
            }
            if !chunk.isEmpty { try write(chunk) }
            progress(rows.count)
        }
    }

    // MARK: people

    public struct ExistingIdentity: Sendable {
        public let name: String
        public let gender: String?
        public let birthDate: String?
        /// Another enterprise than the importing one employs or employed the person.
        public let sharedWithOthers: Bool
    }

    /// Identities already registered for these documents, keyed "type|number".
    public func existingIdentities(_ documents: [(String, String)], exceptEnterprise: String) throws -> [String: ExistingIdentity] {
        let rows = try conn.query(
            """
            SELECT p.document_type, p.document_number, p.name, p.gender, p.birth_date::text AS birth_date,
                   EXISTS (SELECT 1 FROM employments em WHERE em.person_id = p.id AND em.enterprise_id <> $3::uuid) AS shared
            FROM people p
            JOIN unnest($1::text[], $2::text[]) AS d(document_type, document_number)
              ON p.document_type = d.document_type AND p.document_number = d.document_number
            """,
            [PGArray(documents.map(\.0)), PGArray(documents.map(\.1)), exceptEnterprise]).rows
        var out: [String: ExistingIdentity] = [:]
        for row in rows {
            let key = "\(try row.decode("document_type", as: String.self))|\(try row.decode("document_number", as: String.self))"
            out[key] = ExistingIdentity(
                name: try row.decode("name"), gender: try row.decode("gender"), birthDate: try row.decode("birth_date"),
                sharedWithOthers: try row.decode("shared"))
        }
        return out
    }

    public func importPeople(_ rows: [StagedPerson], actor: ImportActor, progress: (Int) -> Void) throws -> ImportCounts {
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

    public func finishPeople(actor: ImportActor) throws -> ImportCounts {
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
                INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
                SELECT $1, $2, 'person.updated', 'person', id::text, $3, jsonb_build_object('source', 'import') FROM upd
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM upd) AS updated,
                   (SELECT count(*) FROM import_people_src) AS total, (SELECT count(*) FROM audited) AS audited
            """,
            [actor.id, actor.name, actor.requestID]
        ).first!
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
                INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
                SELECT $1, $2, 'employment.updated', 'employment', id::text, $3,
                       jsonb_build_object('source', 'import', 'personId', person_id, 'enterpriseId', enterprise_id)
                FROM upd
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM upd) AS updated, (SELECT count(*) FROM audited) AS audited
            """,
            [actor.id, actor.name, actor.requestID]
        ).first!
        counts.employmentsCreated = try employments.decode("created")
        counts.employmentsUpdated = try employments.decode("updated")
        return counts
    }

    // MARK: certificates

    public func importCertificates(_ rows: [StagedCertificate], actor: ImportActor, today: String, progress: (Int) -> Void) throws -> ImportCounts {
        try beginCertificates()
        try stageCertificates(rows, progress: progress)
        return try finishCertificates(actor: actor, today: today)
    }

    public func beginCertificates() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_certificates (
                row_no int, person_id uuid, number text, item_code text, first_issued date, validity_end date,
                authority text, reviewed_on date, ending text) ON COMMIT DROP
            """)
    }

    public func stageCertificates(_ rows: [StagedCertificate], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_certificates FROM STDIN", progress: progress) { r in
            [String(r.row), r.personID.uuidString, Self.field(r.number), Self.field(r.itemCode), Self.field(r.firstIssued),
             Self.field(r.validityEnd), Self.field(r.authority), Self.field(r.reviewedOn), Self.field(r.ending)].joined(separator: "\t")
        }
    }

    public func finishCertificates(actor: ImportActor, today: String) throws -> ImportCounts {
        try conn.query(
            """
            CREATE TEMP TABLE import_certificate_plan ON COMMIT DROP AS
            SELECT s.*, c.id AS existing_id,
                   CASE WHEN c.id IS NULL THEN 'create'
                        WHEN (c.person_id, c.item_code, c.first_issued, c.validity_end, c.issuing_authority,
                              c.revoked_on IS NOT NULL, c.cancelled_on IS NOT NULL)
                             IS DISTINCT FROM (s.person_id, s.item_code, s.first_issued, s.validity_end, s.authority,
                              coalesce(s.ending = 'revoked', false), coalesce(s.ending = 'cancelled', false))
                          OR (s.reviewed_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificate_reviews r
                              WHERE r.certificate_id = c.id AND r.review_date = s.reviewed_on))
                        THEN 'update' ELSE 'same' END AS action
            FROM import_certificates s LEFT JOIN certificates c ON c.number = s.number
            """)
        try conn.query(
            """
            INSERT INTO certificates (person_id, catalogue_version, item_code, number, issuing_authority, first_issued, validity_end,
                                      revoked_on, revoked_reason, cancelled_on, cancelled_reason)
            SELECT person_id, 'MEM-30', item_code, number, authority, first_issued, validity_end,
                   CASE WHEN ending = 'revoked' THEN $1::date END, CASE WHEN ending = 'revoked' THEN '批量导入：撤销' END,
                   CASE WHEN ending = 'cancelled' THEN $1::date END, CASE WHEN ending = 'cancelled' THEN '批量导入：注销' END
            FROM import_certificate_plan WHERE action = 'create'
            """, [today])
        try conn.query(
            """
            UPDATE certificates c SET person_id = s.person_id, item_code = s.item_code, first_issued = s.first_issued,
                   validity_end = s.validity_end, issuing_authority = s.authority,
                   revoked_on = CASE WHEN s.ending = 'revoked' THEN coalesce(c.revoked_on, $1::date) END,
                   revoked_reason = CASE WHEN s.ending = 'revoked' THEN coalesce(c.revoked_reason, '批量导入：撤销') END,
                   cancelled_on = CASE WHEN s.ending = 'cancelled' THEN coalesce(c.cancelled_on, $1::date) END,
                   cancelled_reason = CASE WHEN s.ending = 'cancelled' THEN coalesce(c.cancelled_reason, '批量导入：注销') END,
                   updated_at = now()
            FROM import_certificate_plan s WHERE s.action = 'update' AND c.id = s.existing_id
            """, [today])
        try conn.query(
            """
            INSERT INTO certificate_reviews (certificate_id, review_date, training_hours, passed)
            SELECT c.id, s.reviewed_on, 0, true FROM import_certificate_plan s JOIN certificates c ON c.number = s.number
            WHERE s.reviewed_on IS NOT NULL AND s.action <> 'same'
              AND NOT EXISTS (SELECT 1 FROM certificate_reviews r WHERE r.certificate_id = c.id AND r.review_date = s.reviewed_on)
            """)
        try conn.query(
            """
            INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
            SELECT $1, $2, 'certificate.' || CASE s.action WHEN 'create' THEN 'registered' ELSE 'updated' END, 'certificate', c.id::text, $3,
                   jsonb_build_object('source', 'import')
            FROM import_certificate_plan s JOIN certificates c ON c.number = s.number WHERE s.action = 'update'
            """, [actor.id, actor.name, actor.requestID])
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_certificate_plan
            """).first!
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
            "SELECT id, document_number, name FROM people WHERE document_number = ANY ($1::text[])", [PGArray(numbers)]
        ).rows {
            out[try row.decode("document_number")] = (try row.decode("id"), try row.decode("name"))
        }
        return out
    }

    // MARK: regions

    public func importRegions(_ rows: [StagedRegion], actor: ImportActor, progress: (Int) -> Void) throws -> ImportCounts {
        try beginRegions()
        try stageRegions(rows, progress: progress)
        return try finishRegions(actor: actor)
    }

    public func beginRegions() throws {
        try conn.execute("CREATE TEMP TABLE import_regions (row_no int, code text, name text, parent_code text) ON COMMIT DROP")
    }

    public func stageRegions(_ rows: [StagedRegion], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_regions FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.code), Self.field(r.name), Self.field(r.parentCode)].joined(separator: "\t")
        }
    }

    /// Inserts parents first (province, prefecture, county, township: a parent's
    /// code sorts before its children's at the same length), so each finds its parent.
    public func finishRegions(actor: ImportActor) throws -> ImportCounts {
        let row = try conn.query(
            """
            WITH plan AS (
                SELECT s.*, r.code IS NOT NULL AS exists,
                       r.code IS NOT NULL AND (r.name, r.parent_code) IS DISTINCT FROM (s.name, s.parent_code) AS changed
                FROM import_regions s LEFT JOIN regions r ON r.code = s.code
            ), ins AS (
                INSERT INTO regions (code, name, parent_code)
                SELECT code, name, parent_code FROM plan WHERE NOT exists ORDER BY length(code), code
                RETURNING code
            ), upd AS (
                UPDATE regions r SET name = p.name, parent_code = p.parent_code FROM plan p WHERE p.changed AND r.code = p.code
                RETURNING r.code
            ), audited AS (
                INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
                SELECT $1, $2, 'region.updated', 'region', code, $3, jsonb_build_object('source', 'import') FROM upd
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins) AS c, (SELECT count(*) FROM upd) AS u, (SELECT count(*) FROM plan) AS t,
                   (SELECT count(*) FROM audited) AS a
            """,
            [actor.id, actor.name, actor.requestID]
        ).first!
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("t") - counts.created - counts.updated
        return counts
    }

    // MARK: enterprises

    public func importEnterprises(_ rows: [StagedEnterprise], actor: ImportActor, progress: (Int) -> Void) throws -> ImportCounts {
        try beginEnterprises()
        try stageEnterprises(rows, progress: progress)
        return try finishEnterprises(actor: actor)
    }

    public func beginEnterprises() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_enterprises (
                row_no int, credit_code text, name text, region_code text, sectors text[], key_enterprise boolean,
                high_risk_override boolean, high_risk_override_reason text, status text, areas text[]) ON COMMIT DROP
            """)
    }

    public func stageEnterprises(_ rows: [StagedEnterprise], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_enterprises FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.creditCode), Self.field(r.name), Self.field(r.regionCode), Self.array(r.sectors),
             r.keyEnterprise ? "t" : "f", r.highRiskOverride.map { $0 ? "t" : "f" } ?? "\\N", Self.field(r.highRiskOverrideReason),
             Self.field(r.status), Self.array(r.areas)].joined(separator: "\t")
        }
    }

    public func finishEnterprises(actor: ImportActor) throws -> ImportCounts {
        // Which rows are new, changed or the same, before touching anything.
        try conn.execute("""
            CREATE TEMP TABLE import_enterprise_plan ON COMMIT DROP AS
            SELECT s.*, e.id AS existing_id,
                   CASE WHEN e.id IS NULL THEN 'create'
                        WHEN (e.name, e.region_code, e.key_enterprise, e.high_risk_override, e.high_risk_override_reason, e.status)
                             IS DISTINCT FROM (s.name, s.region_code, s.key_enterprise, s.high_risk_override, s.high_risk_override_reason, s.status)
                          OR ARRAY(SELECT sector_code FROM enterprise_sectors WHERE enterprise_id = e.id ORDER BY 1) IS DISTINCT FROM s.sectors
                          OR ARRAY(SELECT kind || ':' || name FROM enterprise_areas WHERE enterprise_id = e.id ORDER BY 1) IS DISTINCT FROM s.areas
                        THEN 'update' ELSE 'same' END AS action
            FROM import_enterprises s LEFT JOIN enterprises e ON e.credit_code = s.credit_code
            """)
        try conn.execute("""
            INSERT INTO enterprises (credit_code, name, region_code, key_enterprise, high_risk_override, high_risk_override_reason, status)
            SELECT credit_code, name, region_code, key_enterprise, high_risk_override, high_risk_override_reason, status
            FROM import_enterprise_plan WHERE action = 'create';
            UPDATE enterprises e SET name = s.name, region_code = s.region_code, key_enterprise = s.key_enterprise,
                   high_risk_override = s.high_risk_override, high_risk_override_reason = s.high_risk_override_reason,
                   status = s.status, updated_at = now()
            FROM import_enterprise_plan s WHERE s.action = 'update' AND e.id = s.existing_id;
            CREATE TEMP TABLE import_enterprise_ids ON COMMIT DROP AS
            SELECT e.id, s.sectors, s.areas, s.action FROM import_enterprise_plan s JOIN enterprises e ON e.credit_code = s.credit_code
            WHERE s.action <> 'same';
            DELETE FROM enterprise_sectors WHERE enterprise_id IN (SELECT id FROM import_enterprise_ids);
            INSERT INTO enterprise_sectors (enterprise_id, sector_code) SELECT id, unnest(sectors) FROM import_enterprise_ids;
            DELETE FROM enterprise_areas a USING import_enterprise_ids i
             WHERE a.enterprise_id = i.id AND NOT (a.kind || ':' || a.name = ANY (i.areas));
            INSERT INTO enterprise_areas (enterprise_id, kind, name)
            SELECT id, split_part(x, ':', 1), substr(x, length(split_part(x, ':', 1)) + 2)
            FROM import_enterprise_ids, unnest(areas) AS x
            ON CONFLICT (enterprise_id, kind, name) DO NOTHING;
            """)
        try conn.query(
            """
            INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
            SELECT $1, $2, 'enterprise.' || CASE action WHEN 'create' THEN 'created' ELSE 'updated' END, 'enterprise', id::text, $3,
                   jsonb_build_object('source', 'import')
            FROM import_enterprise_ids ORDER BY action, id
            """,
            [actor.id, actor.name, actor.requestID])
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_enterprise_plan
            """).first!
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("s")
        return counts
    }

    // MARK: institutions

    public func importInstitutions(_ rows: [StagedInstitution], actor: ImportActor, today: String, progress: (Int) -> Void) throws -> ImportCounts {
        try beginInstitutions()
        try stageInstitutions(rows, progress: progress)
        return try finishInstitutions(actor: actor, today: today)
    }

    public func beginInstitutions() throws {
        try conn.execute("""
            CREATE TEMP TABLE import_institutions (
                row_no int, credit_code text, name text, region_code text, training_kinds text[],
                special_op_categories text[], status text, rectify_deadline date) ON COMMIT DROP
            """)
    }

    public func stageInstitutions(_ rows: [StagedInstitution], progress: (Int) -> Void) throws {
        try copy(rows, into: "COPY import_institutions FROM STDIN", progress: progress) { r in
            [String(r.row), Self.field(r.creditCode), Self.field(r.name), Self.field(r.regionCode), Self.array(r.trainingKinds),
             Self.array(r.specialOpCategories), Self.field(r.status), Self.field(r.rectifyDeadline)].joined(separator: "\t")
        }
    }

    public func finishInstitutions(actor: ImportActor, today: String) throws -> ImportCounts {
        try conn.execute("""
            CREATE TEMP TABLE import_institution_plan ON COMMIT DROP AS
            SELECT s.*, i.id AS existing_id,
                   CASE WHEN i.id IS NULL THEN 'create'
                        WHEN (i.name, i.region_code, i.training_kinds, i.special_op_categories, i.status, i.rectify_deadline)
                             IS DISTINCT FROM (s.name, s.region_code, s.training_kinds, s.special_op_categories, s.status, s.rectify_deadline)
                        THEN 'update' ELSE 'same' END AS action,
                   i.status IS DISTINCT FROM s.status OR i.rectify_deadline IS DISTINCT FROM s.rectify_deadline AS status_changed
            FROM import_institutions s LEFT JOIN institutions i ON i.credit_code = s.credit_code
            """)
        try conn.query(
            """
            INSERT INTO institutions (credit_code, name, region_code, training_kinds, special_op_categories, status, rectify_deadline)
            SELECT credit_code, name, region_code, training_kinds, special_op_categories, status, rectify_deadline
            FROM import_institution_plan WHERE action = 'create'
            """)
        try conn.query(
            """
            UPDATE institutions i SET name = s.name, region_code = s.region_code, training_kinds = s.training_kinds,
                   special_op_categories = s.special_op_categories, status = s.status, rectify_deadline = s.rectify_deadline,
                   updated_at = now()
            FROM import_institution_plan s WHERE s.action = 'update' AND i.id = s.existing_id
            """)
        try conn.query(
            """
            INSERT INTO institution_status_history (institution_id, status, rectify_deadline, effective_date, note)
            SELECT i.id, s.status, s.rectify_deadline, $1::date, '批量导入'
            FROM import_institution_plan s JOIN institutions i ON i.credit_code = s.credit_code
            WHERE s.action = 'create' OR (s.action = 'update' AND s.status_changed)
            """,
            [today])
        try conn.query(
            """
            INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, request_id, change)
            SELECT $1, $2, 'institution.' || CASE s.action WHEN 'create' THEN 'created' ELSE 'updated' END, 'institution', i.id::text, $3,
                   jsonb_build_object('source', 'import', 'status', s.status)
            FROM import_institution_plan s JOIN institutions i ON i.credit_code = s.credit_code
            WHERE s.action <> 'same' ORDER BY s.action, i.id
            """,
            [actor.id, actor.name, actor.requestID])
        let row = try conn.query(
            """
            SELECT count(*) FILTER (WHERE action = 'create') AS c, count(*) FILTER (WHERE action = 'update') AS u,
                   count(*) FILTER (WHERE action = 'same') AS s FROM import_institution_plan
            """).first!
        var counts = ImportCounts()
        counts.created = try row.decode("c")
        counts.updated = try row.decode("u")
        counts.unchanged = try row.decode("s")
        return counts
    }

    /// Enterprises by credit code: id, region, mining (for people files).
    public func enterprisesByCreditCode(_ codes: [String]) throws -> [String: (id: UUID, regionCode: String, mining: Bool)] {
        var out: [String: (UUID, String, Bool)] = [:]
        for row in try conn.query(
            """
            SELECT e.id, e.credit_code, e.region_code,
                   EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                           WHERE es.enterprise_id = e.id AND s.mining) AS mining
            FROM enterprises e WHERE e.credit_code = ANY ($1::text[])
            """, [PGArray(codes)]
        ).rows {
            out[try row.decode("credit_code")] = (try row.decode("id"), try row.decode("region_code"), try row.decode("mining"))
        }
        return out
    }

    /// Division codes that exist, of those given.
    public func knownRegions(_ codes: [String]) throws -> Set<String> {
        Set(try conn.query("SELECT code FROM regions WHERE code = ANY ($1::text[])", [PGArray(codes)])
            .rows.map { try $0.decode("code", as: String.self) })
    }
}
