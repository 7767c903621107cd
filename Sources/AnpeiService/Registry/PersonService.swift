import AnpeiDomain
import AnpeiStore
import Foundation

/// People and their employment. Enterprise users register and change their own
/// staff; regulators read people employed in their region; administrators do
/// everything. Lists mask document numbers; a detail view (reachable only by
/// callers whose scope covers the person) shows the full number.
public struct PersonService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    /// A new person with their (first) employment.
    public struct Create: Codable, Sendable {
        public var documentType: String?
        public var documentNumber: String
        public var name: String
        public var gender: Gender?
        public var birthDate: String?
        public var phone: String?
        public var employment: EmploymentInput

        public init(documentType: String? = nil, documentNumber: String, name: String, gender: Gender? = nil,
                    birthDate: String? = nil, phone: String? = nil, employment: EmploymentInput) {
            self.documentType = documentType
            self.documentNumber = documentNumber
            self.name = name
            self.gender = gender
            self.birthDate = birthDate
            self.phone = phone
            self.employment = employment
        }
    }

    public struct Patch: Codable, Sendable {
        public var name: String?
        public var phone: String?
        public init(name: String? = nil, phone: String? = nil) {
            self.name = name
            self.phone = phone
        }
    }

    public struct EmploymentPatch: Codable, Sendable {
        public var roles: [EmploymentRole]?
        public var employmentType: EmploymentType?
        public var post: String?
        public var hazardousPost: Bool?
        public var startDate: String?
        public var endDate: String?
        public init() {}
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// Registers a person with an employment. If the document is already
    /// registered (same type and number), the employment is added to that
    /// person instead, provided the name matches.
    public func create(_ call: CallContext, _ input: Create) async throws -> PersonRecord {
        let person = try Self.validatePerson(
            documentType: input.documentType, number: input.documentNumber, name: input.name, gender: input.gender,
            birthDate: input.birthDate, phone: input.phone, today: today)
        let employment = try Self.validateEmployment(input.employment, field: "employment")
        try authorizeWrite(call, enterpriseID: employment.enterpriseId)
        let scope = ScopeFilter(call.principal.scope)
        do {
            return try await db.write(call) { conn, audit in
                let repo = PersonRepository(conn)
                try Self.checkEmployment(conn, employment, field: "employment")
                let existing = try repo.findID(documentType: person.documentType, number: person.documentNumber)
                let personID: UUID
                if let existing {
                    let current = try repo.find(id: existing, scope: ScopeFilter(.all))!
                    guard current.name == person.name else {
                        throw ServiceError.conflict(
                            code: "document_registered_to_other_name", field: "documentNumber",
                            message: LocalizedText(zh: "该证件号码已登记在另一姓名下", en: "this document is registered under another name"))
                    }
                    personID = existing
                } else {
                    personID = try repo.insert(person)
                    try audit.record(action: "person.created", entityType: "person", entityID: personID.lowercased,
                                     change: Self.auditFields(person))
                }
                let employmentID = try repo.insertEmployment(personID: personID, employment)
                try audit.record(action: "employment.created", entityType: "employment", entityID: employmentID.lowercased,
                                 change: Self.auditFields(employment, personID: personID))
                return try repo.find(id: personID, scope: scope)!
            }
        } catch StoreError.conflict(let constraint, _) where constraint == "employments_natural_key" {
            throw Self.employmentExists
        }
    }

    public func get(_ call: CallContext, id: UUID) async throws -> PersonRecord {
        let scope = ScopeFilter(call.principal.scope)
        guard let record = try await db.read({ conn in try PersonRepository(conn).find(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "person")
        }
        return record
    }

    public func list(_ call: CallContext, _ query: PersonQuery) async throws -> Page<PersonRecord> {
        try Paging.check(limit: query.limit, offset: query.offset)
        let scope = ScopeFilter(call.principal.scope)
        var normalized = query
        normalized.documentNumber = query.documentNumber?.trimmingCharacters(in: .whitespaces).uppercased()
        let q = normalized
        let (items, total) = try await db.read { conn in try PersonRepository(conn).list(q, scope: scope) }
        return Page(items: items.map(Self.masked), total: total, limit: query.limit, offset: query.offset)
    }

    public func update(_ call: CallContext, id: UUID, _ patch: Patch) async throws -> PersonRecord {
        let before = try await get(call, id: id)
        try authorizePersonWrite(call, before)
        var v = Validator()
        let name = patch.name.map { v.text($0, "name", max: 50) ?? $0 } ?? before.name
        let phone = patch.phone.map { $0.isEmpty ? nil : v.phone($0) } ?? before.phone
        try v.finish()
        let scope = ScopeFilter(call.principal.scope)
        return try await db.write(call) { conn, audit in
            let repo = PersonRepository(conn)
            try repo.update(id: id, PersonInput(
                documentType: before.documentType, documentNumber: before.documentNumber, name: name,
                gender: before.gender, birthDate: before.birthDate, phone: phone))
            var change: [String: AuditValue] = [:]
            if name != before.name { change["name"] = .string(name) }
            if phone != before.phone { change["phone"] = AuditValue(phone) }
            try audit.record(action: "person.updated", entityType: "person", entityID: id.lowercased, change: change)
            return try repo.find(id: id, scope: scope)!
        }
    }

    public func addEmployment(_ call: CallContext, personID: UUID, _ input: EmploymentInput) async throws -> PersonRecord {
        // The person must be visible to the caller (else 404, as if absent); an
        // enterprise that does not employ them yet registers by document through `create`.
        _ = try await get(call, id: personID)
        let employment = try Self.validateEmployment(input, field: nil)
        try authorizeWrite(call, enterpriseID: employment.enterpriseId)
        let scope = ScopeFilter(call.principal.scope)
        do {
            return try await db.write(call) { conn, audit in
                let repo = PersonRepository(conn)
                try Self.checkEmployment(conn, employment, field: nil)
                let employmentID = try repo.insertEmployment(personID: personID, employment)
                try audit.record(action: "employment.created", entityType: "employment", entityID: employmentID.lowercased,
                                 change: Self.auditFields(employment, personID: personID))
                return try repo.find(id: personID, scope: scope)!
            }
        } catch StoreError.conflict(let constraint, _) where constraint == "employments_natural_key" {
            throw Self.employmentExists
        }
    }

    /// Changes an employment, e.g. ends it with `endDate`.
    public func updateEmployment(_ call: CallContext, id: UUID, _ patch: EmploymentPatch) async throws -> PersonRecord {
        let scope = ScopeFilter(call.principal.scope)
        let found = try await db.read { conn -> (PersonRepository.EmploymentRow, PersonRecord)? in
            let repo = PersonRepository(conn)
            guard let row = try repo.findEmployment(id: id), let person = try repo.find(id: row.personID, scope: scope),
                  person.employments.contains(where: { $0.id == id.lowercased })
            else { return nil }
            return (row, person)
        }
        guard let (row, person) = found, let current = person.employments.first(where: { $0.id == id.lowercased }) else {
            throw ServiceError.notFound(entity: "employment")
        }
        try authorizeWrite(call, enterpriseID: row.enterpriseID.lowercased)
        let merged = EmploymentInput(
            enterpriseId: current.enterpriseId, roles: patch.roles ?? current.roles,
            employmentType: patch.employmentType ?? current.employmentType, post: patch.post ?? current.post,
            hazardousPost: patch.hazardousPost ?? current.hazardousPost, startDate: patch.startDate ?? current.startDate,
            endDate: patch.endDate.map { $0.isEmpty ? nil : $0 } ?? current.endDate)
        let employment = try Self.validateEmployment(merged, field: nil)
        return try await db.write(call) { conn, audit in
            try Self.checkEmployment(conn, employment, field: nil)
            let repo = PersonRepository(conn)
            try repo.updateEmployment(id: id, employment)
            try audit.record(action: "employment.updated", entityType: "employment", entityID: id.lowercased,
                             change: Self.auditFields(employment, personID: row.personID))
            return try repo.find(id: row.personID, scope: scope)!
        }
    }

    // MARK: - rules

    static let employmentExists = ServiceError.conflict(
        code: "employment_exists", field: "startDate",
        message: LocalizedText(zh: "该人员在该单位已有同一开始日期的任职记录", en: "an employment with this start date already exists"))

    /// Who may write for an enterprise: admins, and that enterprise's own users.
    func authorizeWrite(_ call: CallContext, enterpriseID: String) throws {
        switch call.principal.scope {
        case .all: return
        case .enterprise(let mine) where mine == enterpriseID.lowercased(): return
        default: throw ServiceError.forbidden
        }
    }

    func authorizePersonWrite(_ call: CallContext, _ person: PersonRecord) throws {
        switch call.principal.scope {
        case .all: return
        case .enterprise(let mine) where person.employments.contains(where: { $0.enterpriseId == mine }): return
        default: throw ServiceError.forbidden
        }
    }

    /// R-ID and the other document formats; gender and birth date are derived
    /// from a resident ID and a conflicting input is an error.
    static func validatePerson(
        documentType: String?, number: String, name: String, gender: Gender?, birthDate: String?, phone: String?,
        today: CivilDate
    ) throws -> PersonInput {
        var v = Validator()
        let type: DocumentType
        if let raw = documentType, !raw.isEmpty {
            guard let t = DocumentType(code: raw) else {
                throw ServiceError.validation([FieldError(
                    field: "documentType", code: "invalid_document_type",
                    message: LocalizedText(zh: "证件类型无效", en: "unknown document type"))])
            }
            type = t
        } else {
            type = .residentID
        }
        let cleanName = v.text(name, "name", max: 50) ?? name
        let cleanPhone = v.phone(phone)
        var outGender = gender
        var outBirth = birthDate
        switch IdentityDocument.parse(type: type, number: number, today: today) {
        case .failure(let error):
            throw ServiceError.validation(v.errors + [error])
        case .success(let doc):
            if let derived = doc.gender {
                if let gender, gender != derived {
                    v.add("gender", "conflicts_with_id", zh: "性别与身份证号码不一致", en: "conflicts with the ID number")
                }
                outGender = derived
            }
            if let derived = doc.birthDate {
                if let birthDate, !birthDate.isEmpty, CivilDate(iso: birthDate) != derived {
                    v.add("birthDate", "conflicts_with_id", zh: "出生日期与身份证号码不一致", en: "conflicts with the ID number")
                }
                outBirth = derived.description
            } else if let birthDate, !birthDate.isEmpty {
                if let d = v.date(birthDate, "birthDate"), d > today {
                    v.add("birthDate", "in_future", zh: "出生日期不能晚于今天", en: "must not be in the future")
                }
            }
            try v.finish()
            return PersonInput(documentType: type, documentNumber: doc.number, name: cleanName, gender: outGender,
                               birthDate: outBirth?.isEmpty == true ? nil : outBirth, phone: cleanPhone)
        }
    }

    static func validateEmployment(_ e: EmploymentInput, field: String?) throws -> EmploymentInput {
        func f(_ name: String) -> String { field.map { "\($0).\(name)" } ?? name }
        var v = Validator()
        if UUID(uuidString: e.enterpriseId) == nil { v.add(unknownReference(f("enterpriseId"))) }
        if e.roles.isEmpty { v.add(f("roles"), "required", zh: "至少填写一个岗位角色", en: "at least one role") }
        let start = v.date(e.startDate, f("startDate"))
        let end = v.date(e.endDate, f("endDate"), required: false)
        if let start, let end, end < start {
            v.add(f("endDate"), "before_start", zh: "离职日期不能早于入职日期", en: "must not be before the start date")
        }
        _ = v.text(e.post, f("post"), max: 100, required: false)
        try v.finish()
        var out = e
        out.enterpriseId = e.enterpriseId.lowercased()
        out.roles = EmploymentRole.allCases.filter(e.roles.contains)
        out.post = e.post?.trimmingCharacters(in: .whitespaces)
        return out
    }

    /// The enterprise exists and R-EMP-2 holds for it.
    static func checkEmployment(_ conn: PGConnection, _ e: EmploymentInput, field: String?) throws {
        guard let facts = try PersonRepository(conn).enterpriseFacts(id: UUID(uuidString: e.enterpriseId)!) else {
            throw ServiceError.validation([unknownReference(field.map { "\($0).enterpriseId" } ?? "enterpriseId")])
        }
        if var error = EmploymentRules.check(
            enterpriseIsMining: facts.mining, type: e.employmentType, hazardousPost: e.hazardousPost ?? false)
        {
            if let field { error = FieldError(field: "\(field).\(error.field)", code: error.code, message: error.message) }
            throw ServiceError.validation([error])
        }
    }

    static func masked(_ p: PersonRecord) -> PersonRecord {
        var out = p
        out.documentNumber = IdentityDocument.mask(p.documentNumber)
        out.documentMasked = true
        out.phone = p.phone.map { $0.count > 7 ? String($0.prefix(3)) + "****" + String($0.suffix(4)) : "****" }
        return out
    }

    static func auditFields(_ p: PersonInput) -> [String: AuditValue] {
        // The audit log is personal data too: the number is stored masked.
        ["documentType": .string(p.documentType.rawValue), "documentNumber": .string(IdentityDocument.mask(p.documentNumber)),
         "name": .string(p.name)]
    }

    static func auditFields(_ e: EmploymentInput, personID: UUID) -> [String: AuditValue] {
        ["personId": .string(personID.lowercased), "enterpriseId": .string(e.enterpriseId),
         "roles": .string(e.roles.map(\.rawValue).joined(separator: ",")), "employmentType": .string(e.employmentType.rawValue),
         "post": AuditValue(e.post), "hazardousPost": .bool(e.hazardousPost ?? false), "startDate": .string(e.startDate),
         "endDate": AuditValue(e.endDate)]
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
