import AnpeiDomain
import Foundation

public struct PersonInput: Codable, Sendable {
    public var documentType: DocumentType
    public var documentNumber: String
    public var name: String
    public var gender: Gender?
    public var birthDate: String?

    public init(documentType: DocumentType, documentNumber: String, name: String, gender: Gender?, birthDate: String?) {
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
    }
}

public struct EmploymentInput: Codable, Sendable {
    public var enterpriseId: String
    public var roles: [EmploymentRole]
    public var employmentType: EmploymentType
    public var post: String?
    public var hazardousPost: Bool?
    public var startDate: String
    public var endDate: String?
    /// The employer's own contact number for the person (issue 9 §1).
    public var phone: String?

    public init(
        enterpriseId: String, roles: [EmploymentRole], employmentType: EmploymentType, post: String?,
        hazardousPost: Bool?, startDate: String, endDate: String?, phone: String? = nil
    ) {
        self.phone = phone
        self.enterpriseId = enterpriseId
        self.roles = roles
        self.employmentType = employmentType
        self.post = post
        self.hazardousPost = hazardousPost
        self.startDate = startDate
        self.endDate = endDate
    }
}

public struct PersonQuery: Sendable {
    public var enterpriseID: UUID?
    public var regionPrefix: String?
    public var role: EmploymentRole?
    /// Exact match on the full document number (callers who can see the person).
    public var documentNumber: String?
    public var search: String?
    /// Only people with an employment that has not ended on `today`.
    public var currentOnly: Bool
    /// The date "current" is judged on: set by the service from its one clock.
    public var today: String = "1970-01-01"
    public var limit: Int
    public var offset: Int

    public init(
        enterpriseID: UUID? = nil, regionPrefix: String? = nil, role: EmploymentRole? = nil, documentNumber: String? = nil,
        search: String? = nil, currentOnly: Bool = false, limit: Int = 50, offset: Int = 0
    ) {
        self.enterpriseID = enterpriseID
        self.regionPrefix = regionPrefix
        self.role = role
        self.documentNumber = documentNumber
        self.search = search
        self.currentOnly = currentOnly
        self.limit = limit
        self.offset = offset
    }
}

/// SQL for people and their employment. A person is visible to a scope when
/// at least one of their employments is at an enterprise inside it; only
/// those employments are shown.
public struct PersonRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// $1 region prefix, $2 enterprise id: the employments a scope may see.
    static let visibleEmployment = """
        SELECT 1 FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
        WHERE em.person_id = p.id AND ($1::text IS NULL OR ee.region_code LIKE $1 || '%') AND ($2::uuid IS NULL OR ee.id = $2)
        """

    static let document = """
        jsonb_build_object(
            'id', p.id, 'documentType', p.document_type, 'documentNumber', p.document_number, 'documentMasked', false,
            'name', p.name, 'gender', p.gender, 'birthDate', p.birth_date,
            'phone', (SELECT em.phone FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                      WHERE em.person_id = p.id AND em.phone IS NOT NULL AND ($1::text IS NULL OR ee.region_code LIKE $1 || '%')
                        AND ($2::uuid IS NULL OR ee.id = $2)
                      ORDER BY em.end_date IS NULL DESC, em.start_date DESC LIMIT 1),
            'employments', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'id', em.id, 'enterpriseId', em.enterprise_id, 'enterpriseName', ee.name, 'roles', to_jsonb(em.roles),
                    'employmentType', em.employment_type, 'post', em.post, 'hazardousPost', em.hazardous_post,
                    'startDate', em.start_date, 'endDate', em.end_date, 'phone', em.phone) ORDER BY em.start_date DESC, ee.name)
                FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                WHERE em.person_id = p.id AND ($1::text IS NULL OR ee.region_code LIKE $1 || '%')
                  AND ($2::uuid IS NULL OR ee.id = $2)), '[]'::jsonb),
            'createdAt', p.created_at, 'updatedAt', p.updated_at) AS doc
        """

    static func decode(_ row: PGRow) throws -> PersonRecord {
        try JSONColumn.decode(row, "doc", as: PersonRecord.self)
    }

    /// `scope == nil` means no restriction (admin).
    public func find(id: UUID, scope: ScopeFilter) throws -> PersonRecord? {
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        let unrestricted = scope.regionPrefix == nil && scope.enterpriseID == nil
        return try conn.query(
            "SELECT \(Self.document) FROM people p WHERE p.id = $3 AND ($4 OR EXISTS (\(Self.visibleEmployment)))",
            [scope.regionPrefix, scope.enterpriseID, id, unrestricted]
        ).first.map(Self.decode)
    }

    /// Whether the person exists within the scope, without building the document.
    public func isVisible(id: UUID, scope: ScopeFilter) throws -> Bool {
        guard !scope.nothing, scope.institutionID == nil else { return false }
        let unrestricted = scope.regionPrefix == nil && scope.enterpriseID == nil
        return try !conn.query(
            "SELECT 1 FROM people p WHERE p.id = $3 AND ($4 OR EXISTS (\(Self.visibleEmployment)))",
            [scope.regionPrefix, scope.enterpriseID, id, unrestricted]
        ).rows.isEmpty
    }

    public func findID(documentType: DocumentType, number: String) throws -> UUID? {
        try conn.query(
            "SELECT id FROM people WHERE document_type = $1 AND document_number = $2", [documentType.rawValue, number]
        ).first?.decode("id")
    }

    public func list(_ q: PersonQuery, scope: ScopeFilter) throws -> (items: [PersonRecord], total: Int) {
        guard !scope.nothing, scope.institutionID == nil else { return ([], 0) }
        let unrestricted = scope.regionPrefix == nil && scope.enterpriseID == nil
        let filter = """
            FROM people p
            WHERE ($3 OR EXISTS (\(Self.visibleEmployment)))
              AND ($4::text IS NULL OR p.document_number = upper($4))
              AND ($5::text IS NULL OR p.name ILIKE '%' || $5 || '%')
              AND ($6::uuid IS NULL AND $7::text IS NULL AND $8::text IS NULL AND NOT $9 OR EXISTS (
                    SELECT 1 FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                    WHERE em.person_id = p.id
                      AND ($1::text IS NULL OR ee.region_code LIKE $1 || '%') AND ($2::uuid IS NULL OR ee.id = $2)
                      AND ($6::uuid IS NULL OR ee.id = $6)
                      AND ($7::text IS NULL OR ee.region_code LIKE $7 || '%')
                      AND ($8::text IS NULL OR $8 = ANY (em.roles))
                      AND (NOT $9 OR em.end_date IS NULL OR em.end_date >= $10::date)))
            """
        let params: [any PGBindable] = [
            scope.regionPrefix, scope.enterpriseID, unrestricted, q.documentNumber, q.search.map(UserRepository.escapeLike),
            q.enterpriseID, q.regionPrefix, q.role?.rawValue, q.currentOnly, q.today,
        ]
        let total: Int = try conn.query("SELECT count(*) AS n " + filter, params).first!.decode("n")
        let rows = try conn.query(
            "SELECT \(Self.document) \(filter) ORDER BY p.name, p.id LIMIT $11 OFFSET $12", params + [q.limit, q.offset]
        ).rows
        return (try rows.map(Self.decode), total)
    }

    public func insert(_ p: PersonInput) throws -> UUID {
        try conn.query(
            """
            INSERT INTO people (document_type, document_number, name, gender, birth_date)
            VALUES ($1, $2, $3, $4, $5::date) RETURNING id
            """,
            [p.documentType.rawValue, p.documentNumber, p.name, p.gender?.rawValue, p.birthDate]
        ).first!.decode("id")
    }

    public func update(id: UUID, _ p: PersonInput) throws {
        try conn.query(
            """
            UPDATE people SET document_type = $2, document_number = $3, name = $4, gender = $5,
                   birth_date = $6::date, updated_at = now()
            WHERE id = $1
            """,
            [id, p.documentType.rawValue, p.documentNumber, p.name, p.gender?.rawValue, p.birthDate])
    }

    public func insertEmployment(personID: UUID, _ e: EmploymentInput) throws -> UUID {
        try conn.query(
            """
            INSERT INTO employments (person_id, enterprise_id, roles, employment_type, post, hazardous_post, start_date, end_date, phone)
            VALUES ($1, $2::uuid, $3::text[], $4, $5, $6, $7::date, $8::date, $9) RETURNING id
            """,
            [personID, e.enterpriseId, PGArray(e.roles.map(\.rawValue)), e.employmentType.rawValue, e.post ?? "",
             e.hazardousPost ?? false, e.startDate, e.endDate, e.phone]
        ).first!.decode("id")
    }

    public struct EmploymentRow: Sendable {
        public let personID: UUID
        public let enterpriseID: UUID
    }

    public func findEmployment(id: UUID) throws -> EmploymentRow? {
        try conn.query("SELECT person_id, enterprise_id FROM employments WHERE id = $1", [id]).first.map {
            EmploymentRow(personID: try $0.decode("person_id"), enterpriseID: try $0.decode("enterprise_id"))
        }
    }

    public func updateEmployment(id: UUID, _ e: EmploymentInput) throws {
        try conn.query(
            """
            UPDATE employments SET roles = $2::text[], employment_type = $3, post = $4, hazardous_post = $5,
                   start_date = $6::date, end_date = $7::date, phone = $8, updated_at = now()
            WHERE id = $1
            """,
            [id, PGArray(e.roles.map(\.rawValue)), e.employmentType.rawValue, e.post ?? "", e.hazardousPost ?? false,
             e.startDate, e.endDate, e.phone])
    }

    /// Sets one enterprise's contact number on all its employments of the person.
    public func setPhone(personID: UUID, enterpriseID: String, phone: String?) throws -> Int {
        try conn.query(
            """
            UPDATE employments SET phone = $3, updated_at = now()
            WHERE person_id = $1 AND enterprise_id = $2::uuid AND phone IS DISTINCT FROM $3
            RETURNING id
            """, [personID, enterpriseID, phone]).rows.count
    }

    /// The enterprises that employ or have employed the person, whatever the
    /// caller's scope: identity edits depend on it (issue 9 §1).
    public func employerIDs(personID: UUID) throws -> Set<String> {
        Set(try conn.query("SELECT DISTINCT enterprise_id::text AS id FROM employments WHERE person_id = $1", [personID])
            .rows.map { try $0.decode("id", as: String.self) })
    }

    /// The regions of the enterprises that employ or have employed the person.
    public func employerRegions(personID: UUID) throws -> [String] {
        try conn.query(
            "SELECT DISTINCT ee.region_code FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id WHERE em.person_id = $1",
            [personID]).rows.map { try $0.decode("region_code", as: String.self) }
    }

    /// Whether the enterprise is in a mining sector (R-EMP-2) and where it is.
    public func enterpriseFacts(id: UUID) throws -> (mining: Bool, regionCode: String)? {
        try conn.query(
            """
            SELECT e.region_code, EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                                          WHERE es.enterprise_id = e.id AND s.mining) AS mining
            FROM enterprises e WHERE e.id = $1
            """, [id]
        ).first.map { (try $0.decode("mining"), try $0.decode("region_code")) }
    }
}
