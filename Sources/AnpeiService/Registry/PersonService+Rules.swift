import AnpeiDomain
import AnpeiStore
import Foundation

/// Who may write, and the checks of people and employments, shared with the import.
extension PersonService {
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


    /// R-ID and the other document formats; gender and birth date are derived
    /// from a resident ID and a conflicting input is an error.
    static func validatePerson(
        documentType: String?, number: String, name: String, gender: Gender?, birthDate: String?, today: CivilDate
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
        let cleanName = v.text(name, "name", max: PersonIdentity.maxNameLength) ?? name
        switch IdentityDocument.parse(type: type, number: number, today: today) {
        case .failure(let error):
            throw ServiceError.validation(v.errors + [error])
        case .success(let doc):
            let given = birthDate.flatMap { $0.isEmpty ? nil : v.date($0, "birthDate") }
            let facts = PersonIdentity.reconcile(doc, gender: gender, birthDate: given, today: today)
            for p in facts.problems { v.add(FieldError(field: p.field.rawValue, code: p.code, message: p.message)) }
            try v.finish()
            return PersonInput(documentType: type, documentNumber: doc.number, name: cleanName, gender: facts.gender,
                               birthDate: facts.birthDate?.description)
        }
    }

    static func validateEmployment(_ e: EmploymentValues, field: String?) throws -> EmploymentValues {
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
        let phone = e.phone.flatMap { $0.isEmpty ? nil : v.phone($0, f("phone")) }
        try v.finish()
        var out = e
        out.enterpriseId = e.enterpriseId.lowercased()
        out.roles = EmploymentRole.allCases.filter(e.roles.contains)
        out.post = e.post?.trimmingCharacters(in: .whitespaces)
        out.phone = phone
        // An empty end date is no end date (it used to reach SQL as '' and fail).
        if out.endDate?.isEmpty == true { out.endDate = nil }
        return out
    }

    /// The enterprise exists and R-EMP-2 holds for it.
    static func checkEmployment(_ conn: PGConnection, _ e: EmploymentValues, field: String?) throws {
        guard let enterpriseID = UUID(uuidString: e.enterpriseId), let facts = try PersonRepository(conn).enterpriseFacts(id: enterpriseID) else {
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
        func maskPhone(_ phone: String?) -> String? {
            phone.map { $0.count > 7 ? String($0.prefix(3)) + "****" + String($0.suffix(4)) : "****" }
        }
        out.phone = maskPhone(p.phone)
        out.employments = p.employments.map { e in
            var e = e
            e.phone = maskPhone(e.phone)
            return e
        }
        return out
    }

    static func auditFields(_ p: PersonInput) -> [String: AuditValue] {
        // The audit log is personal data too: the number is stored masked.
        ["documentType": .string(p.documentType.rawValue), "documentNumber": .string(IdentityDocument.mask(p.documentNumber)),
         "name": .string(p.name)]
    }

    static func auditFields(_ e: EmploymentValues, personID: UUID) -> [String: AuditValue] {
        ["personId": .string(personID.lowercased), "enterpriseId": .string(e.enterpriseId),
         "roles": .string(e.roles.map(\.rawValue).joined(separator: ",")), "employmentType": .string(e.employmentType.rawValue),
         "post": AuditValue(e.post), "hazardousPost": .bool(e.hazardousPost ?? false), "startDate": .string(e.startDate),
         "endDate": AuditValue(e.endDate), "phone": AuditValue(e.phone.map { _ in "recorded" })]
    }
}
