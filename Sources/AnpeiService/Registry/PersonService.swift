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

    /// Refused registrations of existing document numbers per user (issue 9
    /// §1): ten, refilled at ten an hour, so the endpoint is no oracle for
    /// "is this ID number registered".
    let refusals: TokenBuckets

    public init(db: UnitOfWork, config: ServiceConfig, refusals: TokenBuckets = TokenBuckets(capacity: 10, perHour: 10)) {
        self.db = db
        self.config = config
        self.refusals = refusals
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// Registers a person with an employment. If the document is already
    /// registered (same type and number), the employment is added to that
    /// person instead, provided the name matches; the registering enterprise
    /// then sees the person's identity and certificates, never the other
    /// employers' employments or contact numbers. A name that does not match
    /// gets the generic refusal of any invalid document or name, and such
    /// refusals are rate-limited per user (issue 9 §1).
    public func create(_ call: CallContext, _ input: PersonCreate) async throws -> Person {
        let budgetKey = call.principal.userID.uuidString
        if let wait = refusals.exhausted(budgetKey, now: config.now()) { throw ServiceError.rateLimited(retryAfter: wait) }
        var v = Validator()
        let phone = input.phone.flatMap { $0.isEmpty ? nil : v.phone($0) }
        try v.finish()
        // A number that fails its own checks (R-ID) is told precisely: that
        // depends on the input alone and says nothing about the register.
        let person = try Self.validatePerson(
            documentType: input.documentType, number: input.documentNumber, name: input.name, gender: input.gender,
            birthDate: input.birthDate, today: today)
        var validEmployment = try Self.validateEmployment(EmploymentValues(input.employment), field: "employment")
        if validEmployment.phone == nil { validEmployment.phone = phone }
        let employment = validEmployment
        try authorizeWrite(call, enterpriseID: employment.enterpriseId)
        let scope = ScopeFilter(call.principal.scope)
        let outcome: Result<PersonRecord, ServiceError>
        do {
            outcome = try await db.write(call) { conn, audit in
                let repo = PersonRepository(conn)
                try Self.checkEmployment(conn, employment, field: "employment")
                let existing = try repo.findID(documentType: person.documentType, number: person.documentNumber)
                let personID: UUID
                if let existing {
                    let current = try written(repo.find(id: existing, scope: ScopeFilter(.all)))
                    guard current.name == person.name else { return .failure(Self.documentRefused) }
                    personID = existing
                    try audit.record(action: "person.registered_existing", entityType: "person", entityID: personID.lowercased,
                                     change: ["enterpriseId": .string(employment.enterpriseId)])
                } else {
                    personID = try repo.insert(person)
                    try audit.record(action: "person.created", entityType: "person", entityID: personID.lowercased,
                                     change: Self.auditFields(person))
                }
                let employmentID = try repo.insertEmployment(personID: personID, employment)
                try audit.record(action: "employment.created", entityType: "employment", entityID: employmentID.lowercased,
                                 change: Self.auditFields(employment, personID: personID))
                return .success(try written(repo.find(id: personID, scope: scope)))
            }
        } catch let e as StoreError where e.uniqueKey == .employment {
            throw Self.employmentExists
        }
        switch outcome {
        case .success(let record): return Person(record)
        case .failure(let error):
            refusals.spend(budgetKey, now: config.now())
            throw error
        }
    }

    /// The one answer for a document number that cannot be registered under
    /// this name: it does not say whether the number is registered.
    static let documentRefusedCode = "document_not_accepted"
    static let documentRefusedField = FieldError(
        field: "documentNumber", code: documentRefusedCode,
        message: LocalizedText(zh: "证件号码与姓名无法登记，请核对证件号码和姓名后重试",
                               en: "this document number and name cannot be registered; check both"))
    static let documentRefused = ServiceError.validation([documentRefusedField])

    /// Issue 9 §1 / 11 §5: the identity of a person another enterprise employs
    /// is corrected only by an administrator or a regulator, with a reason (the
    /// single-record path and every file row say the same).
    static let identitySharedCode = "identity_shared"
    static let identitySharedMessage = LocalizedText(
        zh: "该人员另有任职单位，姓名、性别、出生日期只能由管理员或监管部门逐条更正（须填写原因）",
        en: "another enterprise employs this person: only an administrator or a regulator may correct the identity, one record at a time with a reason")

    public func get(_ call: CallContext, id: UUID) async throws -> Person {
        let scope = ScopeFilter(call.principal.scope)
        guard let record = try await db.read({ conn in try PersonRepository(conn).find(id: id, scope: scope) }) else {
            throw ServiceError.notFound(entity: "person")
        }
        return Person(record)
    }

    public func list(_ call: CallContext, _ query: PersonQuery) async throws -> Page<Person> {
        try Paging.check(limit: query.limit, offset: query.offset)
        let scope = ScopeFilter(call.principal.scope)
        var normalized = query
        normalized.documentNumber = query.documentNumber?.trimmingCharacters(in: .whitespaces).uppercased()
        normalized.today = today.description
        let q = normalized
        let (items, total) = try await db.read { conn in try PersonRepository(conn).list(q, scope: scope) }
        return Page(items: items.map { Person(Self.masked($0)) }, total: total, limit: query.limit, offset: query.offset)
    }

    /// Identity (name, gender, birth date) belongs to the person: an
    /// administrator or a regulator of a region where the person is employed
    /// may correct it, with a reason; an enterprise only while no other
    /// enterprise employs or has employed the person (issue 9 §1). `phone` is
    /// the enterprise's own contact number, kept on its employments.
    public func update(_ call: CallContext, id: UUID, _ patch: PersonPatch) async throws -> Person {
        let before = try await get(call, id: id)
        var v = Validator()
        let name = patch.name.map { v.text($0, "name", max: 50) ?? $0 } ?? before.name
        let birth = patch.birthDate.flatMap { $0.isEmpty ? nil : v.date($0, "birthDate") }
        let reason = v.text(patch.reason, "reason", max: 500, required: false, multiline: true)
        let phone: String?? = patch.phone.map { $0.isEmpty ? nil : v.phone($0) }
        try v.finish()
        if let birth, birth > today {
            throw ServiceError.validation([FieldError(field: "birthDate", code: "in_future",
                message: LocalizedText(zh: "出生日期不能晚于今天", en: "must not be in the future"))])
        }
        let identityChanged = name != before.name || (patch.gender != nil && patch.gender != before.gender)
            || (birth != nil && birth?.description != before.birthDate)
        // A resident ID fixes gender and birth date (R-ID).
        if before.documentType == .residentID, patch.gender != nil || birth != nil {
            // Refuses a gender or birth date that contradicts the ID number.
            _ = try Self.validatePerson(
                documentType: before.documentType.rawValue, number: before.documentNumber, name: name,
                gender: patch.gender, birthDate: birth?.description, today: today)
        }
        let principal = call.principal
        let scope = ScopeFilter(principal.scope)
        return try await db.write(call) { conn, audit in
            let repo = PersonRepository(conn)
            var mineOnly: String?
            switch principal.scope {
            case .all, .region:
                if identityChanged && reason == nil {
                    throw ServiceError.validation([FieldError(field: "reason", code: "required",
                        message: LocalizedText(zh: "更正身份信息须填写原因", en: "a reason is required to correct identity"))])
                }
                if phone != nil {
                    throw ServiceError.validation([FieldError(field: "phone", code: "phone_belongs_to_employment",
                        message: LocalizedText(zh: "联系电话属于任职记录，请在任职记录中修改", en: "the phone belongs to an employment; change it there"))])
                }
            case .enterprise(let mine):
                let employers = try repo.employerIDs(personID: id)
                if identityChanged && employers != [mine] {
                    throw ServiceError.conflict(code: Self.identitySharedCode, field: "name", message: Self.identitySharedMessage)
                }
                mineOnly = mine
            case .institution, .person:
                throw ServiceError.forbidden
            }
            if identityChanged {
                try repo.update(id: id, PersonInput(
                    documentType: before.documentType, documentNumber: before.documentNumber, name: name,
                    gender: patch.gender ?? before.gender, birthDate: birth?.description ?? before.birthDate))
                var change: [String: AuditValue] = [:]
                if name != before.name { change["name"] = .string(name); change["name.from"] = .string(before.name) }
                if let g = patch.gender, g != before.gender { change["gender"] = .string(g.rawValue) }
                if let birth, birth.description != before.birthDate { change["birthDate"] = .string(birth.description) }
                change["reason"] = AuditValue(reason)
                try audit.record(action: "person.identity_changed", entityType: "person", entityID: id.lowercased, change: change)
            }
            if let phone, let mine = mineOnly {
                let n = try repo.setPhone(personID: id, enterpriseID: mine, phone: phone)
                try audit.record(action: "employment.phone_changed", entityType: "person", entityID: id.lowercased,
                                 change: ["enterpriseId": .string(mine), "employments": .int(n)])
            }
            return Person(try written(repo.find(id: id, scope: scope)))
        }
    }

    public func addEmployment(_ call: CallContext, personID: UUID, _ input: EmploymentInput) async throws -> Person {
        // The person must be visible to the caller (else 404, as if absent); an
        // enterprise that does not employ them yet registers by document through `create`.
        _ = try await get(call, id: personID)
        let employment = try Self.validateEmployment(EmploymentValues(input), field: nil)
        try authorizeWrite(call, enterpriseID: employment.enterpriseId)
        let scope = ScopeFilter(call.principal.scope)
        do {
            return try await db.write(call) { conn, audit in
                let repo = PersonRepository(conn)
                try Self.checkEmployment(conn, employment, field: nil)
                let employmentID = try repo.insertEmployment(personID: personID, employment)
                try audit.record(action: "employment.created", entityType: "employment", entityID: employmentID.lowercased,
                                 change: Self.auditFields(employment, personID: personID))
                return Person(try written(repo.find(id: personID, scope: scope)))
            }
        } catch let e as StoreError where e.uniqueKey == .employment {
            throw Self.employmentExists
        }
    }

    /// Changes an employment, e.g. ends it with `endDate`.
    public func updateEmployment(_ call: CallContext, id: UUID, _ patch: EmploymentPatch) async throws -> Person {
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
        let merged = EmploymentValues(
            enterpriseId: current.enterpriseId, roles: patch.roles ?? current.roles,
            employmentType: patch.employmentType ?? current.employmentType, post: patch.post ?? current.post,
            hazardousPost: patch.hazardousPost ?? current.hazardousPost, startDate: patch.startDate ?? current.startDate,
            endDate: patch.endDate.map { $0.isEmpty ? nil : $0 } ?? current.endDate,
            phone: patch.phone.map { $0.isEmpty ? nil : $0 } ?? current.phone)
        let employment = try Self.validateEmployment(merged, field: nil)
        let postChange = try Self.postChange(patch, current: current, today: today)
        do {
            return try await db.write(call) { conn, audit in
                try Self.checkEmployment(conn, employment, field: nil)
                let repo = PersonRepository(conn)
                try repo.updateEmployment(id: id, employment)
                var change = Self.auditFields(employment, personID: row.personID)
                if let postChange {
                    try repo.setPostChange(id: id, on: postChange)
                    change["postChangedOn"] = postChange.map { .string($0.description) } ?? .null
                }
                try audit.record(action: "employment.updated", entityType: "employment", entityID: id.lowercased, change: change)
                return Person(try written(repo.find(id: row.personID, scope: scope)))
            }
        } catch let e as StoreError where e.uniqueKey == .employment {
            // Moving the start onto another employment's at the same enterprise.
            throw Self.employmentExists
        }
    }

}

extension PersonService {
    /// R-HOURS-3: the post-change day a patch sets, if any: given ("" clears
    /// it), or today when the post itself changes while the employment lasts.
    /// Within the employment (not before its start, not after its end), not in
    /// the future; a start moved past a recorded change clears it (the change
    /// was before the corrected start, so the initial training covers it).
    static func postChange(_ patch: EmploymentPatch, current: PersonRecord.Employment, today: CivilDate) throws -> CivilDate?? {
        var v = Validator()
        let start = CivilDate(iso: patch.startDate ?? current.startDate)
        let endText = patch.endDate.map { $0.isEmpty ? nil : $0 } ?? current.endDate
        let end = endText.flatMap { CivilDate(iso: $0) }
        if let given = patch.postChangedOn {
            if given.isEmpty { return .some(nil) }
            let field = v.date(given, "postChangedOn")
            if let d = field, let start, d < start {
                v.add("postChangedOn", "before_start", zh: "转岗日期不能早于入职日期", en: "must not be before the start date")
            }
            if let d = field, let end, d > end {
                v.add("postChangedOn", "after_end", zh: "转岗日期不能晚于离职日期", en: "must not be after the end date")
            }
            if let d = field, d > today { v.add("postChangedOn", "in_future", zh: "转岗日期不能晚于今天", en: "must not be in the future") }
            return .some(try v.finish(field))
        }
        if let post = patch.post, post != current.post, end.map({ $0 >= today }) ?? true, start.map({ $0 <= today }) ?? true {
            return .some(today)
        }
        let recorded = current.postChangedOn.flatMap { CivilDate(iso: $0) }
        if let recorded, (start.map { recorded < $0 } ?? false) || (end.map { recorded > $0 } ?? false) { return .some(nil) }
        return nil
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
