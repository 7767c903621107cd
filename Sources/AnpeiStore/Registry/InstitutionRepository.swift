import AnpeiDomain
import Foundation

public struct InstitutionValues: Codable, Sendable {
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

    static func decode(_ row: PGRow, today: CivilDate) throws -> InstitutionRecord {
        var record = try JSONColumn.decode(row, "doc", as: InstitutionRecord.self)
        // R-INST-2: the status shown is the decision in force today, from the
        // history (a decision recorded with a later effective date is not yet).
        let history = record.history
        let now = InstitutionStanding.entry(on: today, history: history)
        record.status = now.status
        record.rectifyDeadline = now.deadline?.description
        record.mayAct = InstitutionStanding.mayAct(on: today, history: history)
        let deadline = InstitutionStanding.fullInspectionDeadline
        let last = record.inspections.filter { CivilDate(iso: $0.inspectedOn).map { $0 <= deadline } ?? false }.last
        record.fullInspection = .init(deadline: deadline.description, inspectedOn: last?.inspectedOn, result: last?.result,
                                      statusAtDeadline: InstitutionStanding.entry(on: deadline, history: history).status)
        return record
    }

    public func find(id: UUID, scope: ScopeFilter, today: CivilDate) throws -> InstitutionRecord? {
        guard !scope.nothing, scope.enterpriseID == nil else { return nil }
        return try conn.query(
            "SELECT \(raw: Self.document) FROM institutions i JOIN regions r ON r.code = i.region_code WHERE \(scope.visible(.institution(id: "i.id", region: "i.region_code"))) AND i.id = \(id)"
        ).first.map { try Self.decode($0, today: today) }
    }

    public func findID(creditCode: String) throws -> UUID? {
        try conn.query("SELECT id FROM institutions WHERE credit_code = \(creditCode)").first?.decode("id")
    }

    public func list(_ q: InstitutionQuery, scope: ScopeFilter, today: CivilDate) throws -> (items: [InstitutionRecord], total: Int) {
        guard !scope.nothing, scope.enterpriseID == nil else { return ([], 0) }
        let search = q.search.map(UserRepository.escapeLike)
        let filter: SQL = """
            FROM institutions i JOIN regions r ON r.code = i.region_code
            WHERE \(scope.visible(.institution(id: "i.id", region: "i.region_code")))
              AND (\(q.regionPrefix)::text IS NULL OR i.region_code LIKE \(q.regionPrefix)::text || '%')
              AND (\(q.status?.rawValue)::text IS NULL OR i.status = \(q.status?.rawValue)::text)
              AND (\(search)::text IS NULL OR i.name ILIKE '%' || \(search)::text || '%' OR i.credit_code = upper(\(search)::text))
            """
        let total: Int = try conn.query("SELECT count(*) AS n \(filter)").one().decode("n")
        let rows = try conn.query(
            "SELECT \(raw: Self.document) \(filter) ORDER BY i.region_code, i.name, i.id LIMIT \(q.limit) OFFSET \(q.offset)"
        ).rows
        return (try rows.map { try Self.decode($0, today: today) }, total)
    }

    public func insert(_ input: InstitutionValues, today: CivilDate) throws -> UUID {
        let id: UUID = try conn.query(
            """
            INSERT INTO institutions (credit_code, name, region_code, training_kinds, special_op_categories)
            VALUES (\(input.creditCode), \(input.name), \(input.regionCode), \(PGArray(input.trainingKinds.map(\.rawValue)))::text[], \(PGArray(input.specialOpCategories))::text[]) RETURNING id
            """
        ).one().decode("id")
        try conn.query(
            "INSERT INTO institution_status_history (institution_id, status, effective_date, note) VALUES (\(id), 'pending_inspection', \(today.description)::date, \("登记，待检查"))")
        return id
    }

    public func update(id: UUID, _ input: InstitutionValues) throws {
        try conn.query(
            """
            UPDATE institutions SET credit_code = \(input.creditCode), name = \(input.name), region_code = \(input.regionCode), training_kinds = \(PGArray(input.trainingKinds.map(\.rawValue)))::text[],
                   special_op_categories = \(PGArray(input.specialOpCategories))::text[], updated_at = now()
            WHERE id = \(id)
            """)
    }

    public func setStatus(id: UUID, status: InstitutionStatus, deadline: CivilDate?, effective: CivilDate, note: String) throws {
        try conn.query(
            "UPDATE institutions SET status = \(status.rawValue), rectify_deadline = \(deadline?.description)::date, updated_at = now() WHERE id = \(id)")
        try conn.query(
            """
            INSERT INTO institution_status_history (institution_id, status, rectify_deadline, effective_date, note)
            VALUES (\(id), \(status.rawValue), \(deadline?.description)::date, \(effective.description)::date, \(note))
            """)
    }

    public func addInspection(id: UUID, on date: CivilDate, inspector: String, result: String, findings: String) throws -> UUID {
        try conn.query(
            """
            INSERT INTO institution_inspections (institution_id, inspected_on, inspector, result, findings)
            VALUES (\(id), \(date.description)::date, \(inspector), \(result), \(findings)) RETURNING id
            """
        ).one().decode("id")
    }

    /// Category codes that exist in some catalogue version, of those given (an
    /// institution's teaching scope outlives a catalogue's revision).
    public func knownCategories(_ codes: [String]) throws -> Set<String> {
        Set(try conn.query(
            "SELECT DISTINCT code FROM special_op_categories WHERE code = ANY(\(PGArray(codes))::text[])"
        ).rows.map { try $0.decode("code", as: String.self) })
    }
}


extension InstitutionRepository {
    /// The latest recorded decision of the institutions with these credit codes.
    public func statuses(creditCodes: [String]) throws -> [String: (status: InstitutionStatus, deadline: CivilDate?)] {
        guard !creditCodes.isEmpty else { return [:] }
        var out: [String: (InstitutionStatus, CivilDate?)] = [:]
        for row in try conn.query(
            "SELECT credit_code, status, rectify_deadline FROM institutions WHERE credit_code = ANY(\(PGArray(creditCodes))::text[])"
        ).rows {
            guard let status = InstitutionStatus(rawValue: try row.decode("status")) else { continue }
            out[try row.decode("credit_code")] = (status, try row.decode("rectify_deadline"))
        }
        return out
    }
}
