import AnpeiDomain
import Foundation

public struct InstitutionInput: Codable, Sendable {
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var trainingKinds: [TrainingKind]
    public var specialOpCategories: [String]

    public init(creditCode: String, name: String, regionCode: String, trainingKinds: [TrainingKind], specialOpCategories: [String]) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.trainingKinds = trainingKinds
        self.specialOpCategories = specialOpCategories
    }
}

public struct InstitutionQuery: Sendable {
    public var regionPrefix: String?
    public var status: InstitutionStatus?
    public var search: String?
    public var limit: Int
    public var offset: Int

    public init(regionPrefix: String? = nil, status: InstitutionStatus? = nil, search: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.regionPrefix = regionPrefix
        self.status = status
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}

/// SQL for training institutions, their status history and inspections.
public struct InstitutionRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    static let document = """
        jsonb_build_object(
            'id', i.id, 'creditCode', i.credit_code, 'name', i.name, 'regionCode', i.region_code, 'regionName', r.name,
            'status', i.status, 'rectifyDeadline', i.rectify_deadline, 'mayAct', false,
            'trainingKinds', to_jsonb(i.training_kinds), 'specialOpCategories', to_jsonb(i.special_op_categories),
            'statusHistory', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'status', h.status, 'rectifyDeadline', h.rectify_deadline, 'effectiveDate', h.effective_date,
                    'note', h.note, 'recordedAt', h.recorded_at) ORDER BY h.id)
                FROM institution_status_history h WHERE h.institution_id = i.id), '[]'::jsonb),
            'inspections', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'id', x.id, 'inspectedOn', x.inspected_on, 'inspector', x.inspector, 'result', x.result,
                    'findings', x.findings) ORDER BY x.inspected_on, x.created_at)
                FROM institution_inspections x WHERE x.institution_id = i.id), '[]'::jsonb),
            'createdAt', i.created_at, 'updatedAt', i.updated_at) AS doc
        """

    static let scopeCondition = "($1::text IS NULL OR i.region_code LIKE $1 || '%') AND ($2::uuid IS NULL OR i.id = $2)"

    static func decode(_ row: PGRow, today: CivilDate) throws -> InstitutionRecord {
        var record = try JSONColumn.decode(row, "doc", as: InstitutionRecord.self)
        record.mayAct = InstitutionStatus.mayAct(
            status: record.status, deadline: record.rectifyDeadline.flatMap { CivilDate(iso: $0) }, today: today)
        return record
    }

    public func find(id: UUID, scope: ScopeFilter, today: CivilDate) throws -> InstitutionRecord? {
        guard !scope.nothing, scope.enterpriseID == nil else { return nil }
        return try conn.query(
            "SELECT \(Self.document) FROM institutions i JOIN regions r ON r.code = i.region_code WHERE \(Self.scopeCondition) AND i.id = $3",
            [scope.regionPrefix, scope.institutionID, id]
        ).first.map { try Self.decode($0, today: today) }
    }

    public func findID(creditCode: String) throws -> UUID? {
        try conn.query("SELECT id FROM institutions WHERE credit_code = $1", [creditCode]).first?.decode("id")
    }

    public func list(_ q: InstitutionQuery, scope: ScopeFilter, today: CivilDate) throws -> (items: [InstitutionRecord], total: Int) {
        guard !scope.nothing, scope.enterpriseID == nil else { return ([], 0) }
        let filter = """
            FROM institutions i JOIN regions r ON r.code = i.region_code
            WHERE \(Self.scopeCondition)
              AND ($3::text IS NULL OR i.region_code LIKE $3 || '%')
              AND ($4::text IS NULL OR i.status = $4)
              AND ($5::text IS NULL OR i.name ILIKE '%' || $5 || '%' OR i.credit_code = upper($5))
            """
        let params: [any PGBindable] = [
            scope.regionPrefix, scope.institutionID, q.regionPrefix, q.status?.rawValue, q.search.map(UserRepository.escapeLike),
        ]
        let total: Int = try conn.query("SELECT count(*) AS n " + filter, params).first!.decode("n")
        let rows = try conn.query(
            "SELECT \(Self.document) \(filter) ORDER BY i.region_code, i.name, i.id LIMIT $6 OFFSET $7", params + [q.limit, q.offset]
        ).rows
        return (try rows.map { try Self.decode($0, today: today) }, total)
    }

    public func insert(_ input: InstitutionInput, today: CivilDate) throws -> UUID {
        let id: UUID = try conn.query(
            """
            INSERT INTO institutions (credit_code, name, region_code, training_kinds, special_op_categories)
            VALUES ($1, $2, $3, $4::text[], $5::text[]) RETURNING id
            """,
            [input.creditCode, input.name, input.regionCode, PGArray(input.trainingKinds.map(\.rawValue)),
             PGArray(input.specialOpCategories)]
        ).first!.decode("id")
        try conn.query(
            "INSERT INTO institution_status_history (institution_id, status, effective_date, note) VALUES ($1, 'conforming', $2::date, $3)",
            [id, today.description, "登记"])
        return id
    }

    public func update(id: UUID, _ input: InstitutionInput) throws {
        try conn.query(
            """
            UPDATE institutions SET credit_code = $2, name = $3, region_code = $4, training_kinds = $5::text[],
                   special_op_categories = $6::text[], updated_at = now()
            WHERE id = $1
            """,
            [id, input.creditCode, input.name, input.regionCode, PGArray(input.trainingKinds.map(\.rawValue)),
             PGArray(input.specialOpCategories)])
    }

    public func setStatus(id: UUID, status: InstitutionStatus, deadline: CivilDate?, effective: CivilDate, note: String) throws {
        try conn.query(
            "UPDATE institutions SET status = $2, rectify_deadline = $3::date, updated_at = now() WHERE id = $1",
            [id, status.rawValue, deadline?.description])
        try conn.query(
            """
            INSERT INTO institution_status_history (institution_id, status, rectify_deadline, effective_date, note)
            VALUES ($1, $2, $3::date, $4::date, $5)
            """,
            [id, status.rawValue, deadline?.description, effective.description, note])
    }

    public func addInspection(id: UUID, on date: CivilDate, inspector: String, result: String, findings: String) throws -> UUID {
        try conn.query(
            """
            INSERT INTO institution_inspections (institution_id, inspected_on, inspector, result, findings)
            VALUES ($1, $2::date, $3, $4, $5) RETURNING id
            """,
            [id, date.description, inspector, result, findings]
        ).first!.decode("id")
    }

    /// Category codes that exist in a catalogue version, of those given.
    public func knownCategories(_ codes: [String], catalogue: String = "MEM-30") throws -> Set<String> {
        Set(try conn.query(
            "SELECT code FROM special_op_categories WHERE catalogue_version = $1 AND code = ANY($2::text[])",
            [catalogue, PGArray(codes)]
        ).rows.map { try $0.decode("code", as: String.self) })
    }
}

