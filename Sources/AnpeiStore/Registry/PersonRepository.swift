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

public struct EmploymentValues: Codable, Sendable {
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

/// SQL for people and their employment. A person is visible to a scope when
/// at least one of their employments is at an enterprise inside it; only
/// those employments are shown.
public struct PersonRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    /// The person document for a scope: only the employments (and so the
    /// contact numbers) of employers the scope can see.
    static func document(_ scope: ScopeFilter) -> SQL {
        let employer = scope.visible(.enterprise(id: "ee.id", region: "ee.region_code"))
        return """
        jsonb_build_object(
            'id', p.id, 'documentType', p.document_type, 'documentNumber', p.document_number, 'documentMasked', false,
            'name', p.name, 'gender', p.gender, 'birthDate', p.birth_date,
            'phone', (SELECT em.phone FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                      WHERE em.person_id = p.id AND em.phone IS NOT NULL AND \(employer)
                      ORDER BY em.end_date IS NULL DESC, em.start_date DESC LIMIT 1),
            'employments', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'id', em.id, 'enterpriseId', em.enterprise_id, 'enterpriseName', ee.name, 'roles', to_jsonb(em.roles),
                    'employmentType', em.employment_type, 'post', em.post, 'hazardousPost', em.hazardous_post,
                    'startDate', em.start_date, 'endDate', em.end_date, 'phone', em.phone,
                    'postChangedOn', em.post_changed_on) ORDER BY em.start_date DESC, ee.name)
                FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                WHERE em.person_id = p.id AND \(employer)), '[]'::jsonb),
            'createdAt', p.created_at, 'updatedAt', p.updated_at) AS doc
        """
    }

    static func decode(_ row: PGRow) throws -> PersonRecord {
        try JSONColumn.decode(row, "doc", as: PersonRecord.self)
    }

    /// `scope == nil` means no restriction (admin).
    public func find(id: UUID, scope: ScopeFilter) throws -> PersonRecord? {
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query(
            "SELECT \(Self.document(scope)) FROM people p WHERE p.id = \(id) AND \(scope.visible(.person(id: "p.id")))"
        ).first.map(Self.decode)
    }

    /// Whether the person exists within the scope, without building the document.
    public func isVisible(id: UUID, scope: ScopeFilter) throws -> Bool {
        guard !scope.nothing, scope.institutionID == nil else { return false }
        return try !conn.query(
            "SELECT 1 FROM people p WHERE p.id = \(id) AND \(scope.visible(.person(id: "p.id")))"
        ).rows.isEmpty
    }

    public func findID(documentType: DocumentType, number: String) throws -> UUID? {
        try conn.query(
            "SELECT id FROM people WHERE document_type = \(documentType.rawValue) AND document_number = \(number)"
        ).first?.decode("id")
    }

    public func list(_ q: PersonQuery, scope: ScopeFilter) throws -> (items: [PersonRecord], total: Int) {
        guard !scope.nothing, scope.institutionID == nil else { return ([], 0) }
        let search = q.search.map(UserRepository.escapeLike)
        let role = q.role?.rawValue
        // The employment filters apply to employments the caller can see.
        let employmentFilter: SQL = q.enterpriseID == nil && q.regionPrefix == nil && role == nil && !q.currentOnly ? "TRUE" : """
            EXISTS (
                SELECT 1 FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id
                WHERE em.person_id = p.id
                  AND \(scope.visible(.enterprise(id: "ee.id", region: "ee.region_code")))
                  AND (\(q.enterpriseID)::uuid IS NULL OR ee.id = \(q.enterpriseID)::uuid)
                  AND (\(q.regionPrefix)::text IS NULL OR ee.region_code LIKE \(q.regionPrefix)::text || '%')
                  AND (\(role)::text IS NULL OR \(role)::text = ANY (em.roles))
                  AND (NOT \(q.currentOnly)::boolean OR em.end_date IS NULL OR em.end_date >= \(q.today)::date))
            """
        let filter: SQL = """
            FROM people p
            WHERE \(scope.visible(.person(id: "p.id")))
              AND (\(q.documentNumber)::text IS NULL OR p.document_number = upper(\(q.documentNumber)::text))
              AND (\(search)::text IS NULL OR p.name ILIKE '%' || \(search)::text || '%')
              AND \(employmentFilter)
            """
        let total: Int = try conn.query("SELECT count(*) AS n \(filter)").one().decode("n")
        let rows = try conn.query(
            "SELECT \(Self.document(scope)) \(filter) ORDER BY p.name, p.id LIMIT \(q.limit) OFFSET \(q.offset)"
        ).rows
        return (try rows.map(Self.decode), total)
    }

    public func insert(_ p: PersonInput) throws -> UUID {
        try conn.query(
            """
            INSERT INTO people (document_type, document_number, name, gender, birth_date)
            VALUES (\(p.documentType.rawValue), \(p.documentNumber), \(p.name), \(p.gender?.rawValue), \(p.birthDate)::date) RETURNING id
            """
        ).one().decode("id")
    }

    public func update(id: UUID, _ p: PersonInput) throws {
        try conn.query(
            """
            UPDATE people SET document_type = \(p.documentType.rawValue), document_number = \(p.documentNumber), name = \(p.name), gender = \(p.gender?.rawValue),
                   birth_date = \(p.birthDate)::date, updated_at = now()
            WHERE id = \(id)
            """)
    }

    public func insertEmployment(personID: UUID, _ e: EmploymentValues) throws -> UUID {
        try conn.query(
            """
            INSERT INTO employments (person_id, enterprise_id, roles, employment_type, post, hazardous_post, start_date, end_date, phone)
            VALUES (\(personID), \(e.enterpriseId)::uuid, \(PGArray(e.roles.map(\.rawValue)))::text[], \(e.employmentType.rawValue), \(e.post ?? ""), \(e.hazardousPost ?? false), \(e.startDate)::date, \(e.endDate)::date, \(e.phone)) RETURNING id
            """
        ).one().decode("id")
    }

    public struct EmploymentRow: Sendable {
        public let personID: UUID
        public let enterpriseID: UUID
    }

    public func findEmployment(id: UUID) throws -> EmploymentRow? {
        try conn.query("SELECT person_id, enterprise_id FROM employments WHERE id = \(id)").first.map {
            EmploymentRow(personID: try $0.decode("person_id"), enterpriseID: try $0.decode("enterprise_id"))
        }
    }

    public func updateEmployment(id: UUID, _ e: EmploymentValues) throws {
        try conn.query(
            """
            UPDATE employments SET roles = \(PGArray(e.roles.map(\.rawValue)))::text[], employment_type = \(e.employmentType.rawValue), post = \(e.post ?? ""), hazardous_post = \(e.hazardousPost ?? false),
                   start_date = \(e.startDate)::date, end_date = \(e.endDate)::date, phone = \(e.phone), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// R-HOURS-3: records (or clears) the day of the latest post change.
    public func setPostChange(id: UUID, on date: CivilDate?) throws {
        try conn.query("UPDATE employments SET post_changed_on = \(date?.description)::date, updated_at = now() WHERE id = \(id)")
    }

    /// Sets one enterprise's contact number on all its employments of the person.
    public func setPhone(personID: UUID, enterpriseID: String, phone: String?) throws -> Int {
        try conn.query(
            """
            UPDATE employments SET phone = \(phone), updated_at = now()
            WHERE person_id = \(personID) AND enterprise_id = \(enterpriseID)::uuid AND phone IS DISTINCT FROM \(phone)
            RETURNING id
            """).rows.count
    }

    /// The enterprises that employ or have employed the person, whatever the
    /// caller's scope: identity edits depend on it (issue 9 §1).
    public func employerIDs(personID: UUID) throws -> Set<String> {
        Set(try conn.query("SELECT DISTINCT enterprise_id::text AS id FROM employments WHERE person_id = \(personID)")
            .rows.map { try $0.decode("id", as: String.self) })
    }

    /// The regions of the enterprises that employ or have employed the person.
    public func employerRegions(personID: UUID) throws -> [String] {
        try conn.query(
            "SELECT DISTINCT ee.region_code FROM employments em JOIN enterprises ee ON ee.id = em.enterprise_id WHERE em.person_id = \(personID)").rows.map { try $0.decode("region_code", as: String.self) }
    }

    /// Whether the enterprise is in a mining sector (R-EMP-2) and where it is.
    public func enterpriseFacts(id: UUID) throws -> (mining: Bool, regionCode: String)? {
        try conn.query(
            """
            SELECT e.region_code, EXISTS (SELECT 1 FROM enterprise_sectors es JOIN sectors s ON s.code = es.sector_code
                                          WHERE es.enterprise_id = e.id AND s.mining) AS mining
            FROM enterprises e WHERE e.id = \(id)
            """
        ).first.map { (try $0.decode("mining"), try $0.decode("region_code")) }
    }
}
