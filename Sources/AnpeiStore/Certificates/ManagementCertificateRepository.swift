import AnpeiDomain
import Foundation

/// A 安全生产知识和管理能力考核合格证 as stored, with its passed re-examinations.
public struct ManagementCertificateRow: Codable, Sendable {
    public struct Reexamination: Codable, Sendable {
        public var date: CivilDate
        public var score: Int
    }

    public var id: UUID
    public var personId: UUID
    public var personName: String
    public var holderRole: String
    public var sectorCode: String
    public var sectorName: String
    public var number: String
    public var issuingAuthority: String
    public var issuedOn: CivilDate
    public var examScore: Int
    public var revokedOn: CivilDate?
    public var revokedReason: String?
    public var reexaminations: [Reexamination]

    /// The facts in the domain's terms.
    public var domain: ManagementCertificate {
        ManagementCertificate(
            issued: issuedOn,
            reexaminations: reexaminations.map { .init(date: $0.date, score: $0.score) },
            revoked: revokedOn.map { .init(date: $0, reason: revokedReason ?? "") })
    }
}

public struct ManagementCertificateValues: Codable, Sendable {
    public var personId: String
    /// principal | safety_manager
    public var holderRole: String
    public var sectorCode: String
    public var number: String
    public var issuingAuthority: String
    public var issuedOn: String
    public var examScore: Int

    public init(personId: String, holderRole: String, sectorCode: String, number: String, issuingAuthority: String,
                issuedOn: String, examScore: Int) {
        self.personId = personId
        self.holderRole = holderRole
        self.sectorCode = sectorCode
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.issuedOn = issuedOn
        self.examScore = examScore
    }
}

/// SQL for management-competence certificates. Visibility follows the holder,
/// as for special-operations certificates.
public struct ManagementCertificateRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let document = """
        jsonb_build_object(
            'id', m.id, 'personId', m.person_id, 'personName', p.name, 'holderRole', m.holder_role,
            'sectorCode', m.sector_code, 'sectorName', s.name_zh, 'number', m.number,
            'issuingAuthority', m.issuing_authority, 'issuedOn', m.issued_on, 'examScore', m.exam_score,
            'revokedOn', m.revoked_on, 'revokedReason', m.revoked_reason,
            'reexaminations', coalesce((SELECT jsonb_agg(jsonb_build_object('date', r.exam_date, 'score', r.score) ORDER BY r.exam_date)
                                        FROM management_reexaminations r WHERE r.certificate_id = m.id), '[]'::jsonb)) AS doc
        FROM management_certificates m JOIN people p ON p.id = m.person_id JOIN sectors s ON s.code = m.sector_code
        """

    public func find(id: UUID, scope: ScopeFilter) throws -> ManagementCertificateRow? {
        guard !scope.nothing, scope.institutionID == nil else { return nil }
        return try conn.query("SELECT \(raw: Self.document) WHERE \(scope.visible(.person(id: "m.person_id"))) AND m.id = \(id)")
            .first.map { try JSONColumn.decode($0, "doc", as: ManagementCertificateRow.self) }
    }

    public func forPerson(_ personID: UUID, scope: ScopeFilter) throws -> [ManagementCertificateRow] {
        guard !scope.nothing, scope.institutionID == nil else { return [] }
        return try conn.query(
            "SELECT \(raw: Self.document) WHERE \(scope.visible(.person(id: "m.person_id"))) AND m.person_id = \(personID) ORDER BY m.issued_on"
        ).rows.map { try JSONColumn.decode($0, "doc", as: ManagementCertificateRow.self) }
    }

    /// Certificates of the given people (unscoped: the caller filtered the people).
    public func forPeople(_ ids: [String]) throws -> [ManagementCertificateRow] {
        guard !ids.isEmpty else { return [] }
        return try conn.query("SELECT \(raw: Self.document) WHERE m.person_id = ANY (\(PGArray(ids))::uuid[]) ORDER BY m.issued_on")
            .rows.map { try JSONColumn.decode($0, "doc", as: ManagementCertificateRow.self) }
    }

    public func insert(_ c: ManagementCertificateValues, number: String) throws -> UUID {
        try conn.query(
            """
            INSERT INTO management_certificates (person_id, holder_role, sector_code, number, issuing_authority, issued_on, exam_score)
            VALUES (\(c.personId)::uuid, \(c.holderRole), \(c.sectorCode), \(number), \(c.issuingAuthority), \(c.issuedOn)::date, \(c.examScore)) RETURNING id
            """
        ).one().decode("id")
    }

    public func addReexamination(id: UUID, date: CivilDate, score: Int) throws {
        try conn.query(
            "INSERT INTO management_reexaminations (certificate_id, exam_date, score) VALUES (\(id), \(date.description)::date, \(score))")
        try conn.query("UPDATE management_certificates SET updated_at = now() WHERE id = \(id)")
    }

    public func revoke(id: UUID, on date: CivilDate, reason: String) throws {
        try conn.query(
            "UPDATE management_certificates SET revoked_on = \(date.description)::date, revoked_reason = \(reason), updated_at = now() WHERE id = \(id)")
    }
}
