import AnpeiDomain
import AnpeiStore
import Foundation

enum PeopleRows {
    static func validate(
        _ table: CSVTable, index: [String: Int], today: CivilDate, conn: PGConnection, scope: Scope,
        errors: inout [FieldError], progress: (Int) -> Void
    ) throws -> [StagedPerson] {
        // Enterprises named in the file, in one query.
        let codeColumn = index["enterprise_credit_code"]!
        let codes = Set(table.rows.compactMap { $0.cells.indices.contains(codeColumn) ? $0.cells[codeColumn].trimmedCell.uppercased() : nil })
        let enterprises = try ImportRepository(conn).enterprisesByCreditCode(Array(codes))
        var staged: [StagedPerson] = []
        staged.reserveCapacity(table.rows.count)
        for (n, line) in table.rows.enumerated() {
            if n % 5000 == 0 { progress(n) }
            let r = RowReader(cells: line.cells, index: index, row: line.number)
            var e = RowErrors(row: line.number, kind: .people)
            let type: DocumentType
            if let raw = r.get("document_type") {
                guard let t = DocumentType(code: raw) else {
                    e.add("document_type", "invalid_document_type", zh: "证件类型无效：\(raw)", en: "unknown document type \(raw)")
                    errors += e.errors
                    continue
                }
                type = t
            } else {
                type = .residentID
            }
            var document: IdentityDocument?
            if let number = e.required(r, "document_number") {
                switch IdentityDocument.parse(type: type, number: number, today: today) {
                case .success(let d): document = d
                case .failure(let error): e.add("document_number", error)
                }
            }
            let name = e.required(r, "name")
            if let name, name.count > PersonIdentity.maxNameLength { e.add("name", "too_long", zh: "姓名过长", en: "name too long") }
            var gender: Gender?
            if let raw = r.get("gender") {
                gender = raw == "男" ? .male : raw == "女" ? .female : Gender(rawValue: raw.lowercased())
                if gender == nil { e.add("gender", "invalid_gender", zh: "性别应为男或女", en: "must be male or female") }
            }
            var birth = e.date(r, "birth_date", required: false)
            if let document {
                let facts = PersonIdentity.reconcile(document, gender: gender, birthDate: birth, today: today)
                for p in facts.problems { e.add(p.field == .gender ? "gender" : "birth_date", FieldError(field: "", code: p.code, message: p.message)) }
                gender = facts.gender
                birth = facts.birthDate
            } else if let b = birth, b > today {
                e.add("birth_date", "in_future", zh: "出生日期不能晚于今天", en: "must not be in the future")
            }
            let phone = r.get("phone")
            if let phone, !PhoneFormat.valid(phone) {
                e.add("phone", "invalid_phone", zh: "电话号码格式不正确", en: "not a phone number")
            }
            var enterprise: (id: UUID, regionCode: String, mining: Bool)?
            if let code = e.required(r, "enterprise_credit_code") {
                enterprise = enterprises[code.uppercased()]
                if enterprise == nil {
                    e.add("enterprise_credit_code", "unknown_enterprise", zh: "单位未登记：\(code)", en: "no enterprise with credit code \(code)")
                } else if case .enterprise(let mine) = scope, let found = enterprise, mine != found.id.uuidString.lowercased() {
                    // An enterprise imports its own staff only.
                    e.add("enterprise_credit_code", "not_your_enterprise", zh: "只能导入本单位人员", en: "you may import your own staff only")
                    enterprise = nil
                }
            }
            var roles: [EmploymentRole] = []
            if let raw = e.required(r, "roles") {
                for item in RowReader.list(raw) {
                    if let role = EmploymentRole(code: item) { roles.append(role) } else {
                        e.add("roles", "invalid_role", zh: "岗位角色无效：\(item)", en: "unknown role \(item)")
                    }
                }
            }
            var employmentType: EmploymentType?
            if let raw = e.required(r, "employment_type") {
                employmentType = EmploymentType(code: raw)
                if employmentType == nil { e.add("employment_type", "invalid_employment_type", zh: "用工形式无效：\(raw)", en: "unknown employment type \(raw)") }
            }
            let hazardous = e.bool(r, "hazardous_post") ?? false
            let start = e.date(r, "start_date", required: true)
            let end = e.date(r, "end_date", required: false)
            if let start, let end, end < start { e.add("end_date", "before_start", zh: "离职日期不能早于入职日期", en: "before the start date") }
            if let enterprise, let employmentType,
               let error = EmploymentRules.check(enterpriseIsMining: enterprise.mining, type: employmentType, hazardousPost: hazardous) {
                e.add("employment_type", error)
            }
            guard case let (document, name, enterprise, employmentType, start)? =
                    try e.accepted(document, name, enterprise, employmentType, start) else {
                errors += e.errors
                continue
            }
            staged.append(StagedPerson(
                row: line.number, documentType: document.type.rawValue, documentNumber: document.number, name: name,
                gender: gender?.rawValue, birthDate: birth?.description, phone: phone, enterpriseID: enterprise.id,
                roles: EmploymentRole.allCases.filter(roles.contains).map(\.rawValue), employmentType: employmentType.rawValue,
                post: r.get("post") ?? "", hazardousPost: hazardous, startDate: start.description, endDate: end?.description))
        }
        progress(table.rows.count)
        // Issue 9 §1 / issue 11 §5: no file may change the name, gender or birth
        // date of a person another enterprise employs (or employed) than the
        // row's: corrections go through the single-record path with a reason.
        // The row is reported with that path's code, identity_shared, when the
        // row's enterprise itself employs the person (or the caller is an
        // administrator); an enterprise naming someone it never employed gets
        // the generic registration refusal instead (no "registered" oracle).
        if !staged.isEmpty {
            let existing = try ImportRepository(conn).existingIdentities(staged.map { ($0.documentType, $0.documentNumber) })
            staged.removeAll { row in
                guard let current = existing["\(row.documentType)|\(row.documentNumber)"],
                      !current.employers.subtracting([row.enterpriseID]).isEmpty else { return false }
                let same = current.name == row.name && (row.gender == nil || row.gender == current.gender)
                    && (row.birthDate == nil || row.birthDate == current.birthDate)
                if same { return false }
                if case .enterprise = scope, !current.employers.contains(row.enterpriseID) {
                    let refused = PersonService.documentRefusedField
                    errors.append(FieldError(field: "证件号码", code: refused.code, message: refused.message, row: row.row))
                } else {
                    errors.append(FieldError(field: "姓名", code: PersonService.identitySharedCode, message: PersonService.identitySharedMessage,
                                             row: row.row))
                }
                return true
            }
        }
        return staged
    }
}
