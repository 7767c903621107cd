import AnpeiDomain
import AnpeiStore
import Foundation

/// Reads one CSV row by column key.
struct RowReader {
    let cells: [String]
    let index: [String: Int]
    let row: Int

    /// Trimmed text, nil when empty or absent.
    func get(_ key: String) -> String? {
        guard let i = index[key], i < cells.count else { return nil }
        let t = cells[i].trimmedCell
        return t.isEmpty ? nil : t
    }

    static func bool(_ text: String?) -> Bool?? {
        guard let text else { return .some(nil) }
        switch text.lowercased() {
        case "是", "y", "yes", "true", "1", "t": return true
        case "否", "n", "no", "false", "0", "f": return false
        default: return nil
        }
    }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "、;；|,，".contains($0) })
            .map { String($0).trimmedCell }.filter { !$0.isEmpty }
    }
}

/// Field errors of one row, named by the column's Chinese header.
struct RowErrors {
    let row: Int
    let kind: ImportKind
    var errors: [FieldError] = []

    mutating func add(_ key: String, _ code: String, zh: String, en: String) {
        errors.append(FieldError(field: column(key), code: code, message: LocalizedText(zh: zh, en: en), row: row))
    }

    mutating func add(_ key: String, _ error: FieldError) {
        errors.append(FieldError(field: column(key), code: error.code, message: error.message, row: row))
    }

    func column(_ key: String) -> String {
        ImportSchema.columns(kind).first { $0.key == key }?.zh ?? key
    }

    mutating func required(_ r: RowReader, _ key: String) -> String? {
        guard let v = r.get(key) else {
            add(key, "required", zh: "此项必填", en: "required")
            return nil
        }
        return v
    }

    mutating func date(_ r: RowReader, _ key: String, required: Bool) -> CivilDate? {
        guard let raw = r.get(key) else {
            if required { add(key, "required", zh: "此项必填", en: "required") }
            return nil
        }
        // Excel often writes 2024/3/1.
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           let date = CivilDate(year: y, month: m, day: d) {
            if let e = InputLimits.dateError(date, field: key) {
                add(key, e)
                return nil
            }
            return date
        }
        add(key, "invalid_date", zh: "日期无效：\(raw)（应为YYYY-MM-DD）", en: "invalid date \(raw)")
        return nil
    }

    /// R-USCC. Repeats across the file are found in SQL once the file is staged
    /// (`ImportRepository.enterpriseConflicts`), so memory does not grow with it.
    mutating func creditCode(_ r: RowReader) -> String? {
        guard let raw = required(r, "credit_code") else { return nil }
        switch CreditCode.parse(raw) {
        case .success(let c):
            return c.value
        case .failure(let p):
            add("credit_code", p.rawValue, zh: p.message.zh, en: p.message.en)
            return nil
        }
    }

    mutating func bool(_ r: RowReader, _ key: String) -> Bool? {
        guard let parsed = RowReader.bool(r.get(key)) else {
            add(key, "invalid_boolean", zh: "应填“是”或“否”", en: "must be yes or no")
            return nil
        }
        return parsed
    }
}

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
            if let name, name.count > 50 { e.add("name", "too_long", zh: "姓名过长", en: "name too long") }
            var gender: Gender?
            if let raw = r.get("gender") {
                gender = raw == "男" ? .male : raw == "女" ? .female : Gender(rawValue: raw.lowercased())
                if gender == nil { e.add("gender", "invalid_gender", zh: "性别应为男或女", en: "must be male or female") }
            }
            var birth = e.date(r, "birth_date", required: false)
            if let document, let derived = document.gender {
                if let g = gender, g != derived { e.add("gender", "conflicts_with_id", zh: "性别与身份证号码不一致", en: "conflicts with the ID number") }
                gender = derived
            }
            if let document, let derived = document.birthDate {
                if let b = birth, b != derived { e.add("birth_date", "conflicts_with_id", zh: "出生日期与身份证号码不一致", en: "conflicts with the ID number") }
                birth = derived
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
                } else if case .enterprise(let mine) = scope, mine != enterprise!.id.uuidString.lowercased() {
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
            if !e.errors.isEmpty {
                errors += e.errors
                continue
            }
            staged.append(StagedPerson(
                row: line.number, documentType: document!.type.rawValue, documentNumber: document!.number, name: name!,
                gender: gender?.rawValue, birthDate: birth?.description, phone: phone, enterpriseID: enterprise!.id,
                roles: EmploymentRole.allCases.filter(roles.contains).map(\.rawValue), employmentType: employmentType!.rawValue,
                post: r.get("post") ?? "", hazardousPost: hazardous, startDate: start!.description, endDate: end?.description))
        }
        progress(table.rows.count)
        // Issue 9 §1: an enterprise's file may not change the identity of a
        // person another enterprise employs; such a row gets the same generic
        // refusal as the single-record endpoint (no "registered" oracle).
        if case .enterprise(let mine) = scope, !staged.isEmpty {
            let existing = try ImportRepository(conn).existingIdentities(
                staged.map { ($0.documentType, $0.documentNumber) }, exceptEnterprise: mine)
            let refused = PersonService.documentRefused.fieldErrors.first!
            staged.removeAll { row in
                guard let current = existing["\(row.documentType)|\(row.documentNumber)"], current.sharedWithOthers else { return false }
                let same = current.name == row.name && (row.gender == nil || row.gender == current.gender)
                    && (row.birthDate == nil || row.birthDate == current.birthDate)
                if same { return false }
                errors.append(FieldError(field: "证件号码", code: refused.code, message: refused.message, row: row.row))
                return true
            }
        }
        return staged
    }
}

enum EnterpriseRows {
    static let statuses: [String: EnterpriseStatus] = ["在营": .active, "停产": .suspended, "关闭": .closed]

    static func validate(_ table: CSVTable, index: [String: Int], conn: PGConnection, errors: inout [FieldError]) throws -> [StagedEnterprise] {
        let sectorLookup = try ReferenceRepository(conn).sectorLookup()
        let regionColumn = index["region_code"]!
        let regions = try ImportRepository(conn).knownRegions(
            Array(Set(table.rows.compactMap { $0.cells.indices.contains(regionColumn) ? $0.cells[regionColumn].trimmedCell : nil })))
        var staged: [StagedEnterprise] = []
        for line in table.rows {
            let r = RowReader(cells: line.cells, index: index, row: line.number)
            var e = RowErrors(row: line.number, kind: .enterprises)
            let creditCode = e.creditCode(r)
            let name = e.required(r, "name")
            var region: String?
            if let raw = e.required(r, "region_code") {
                if RegionCode(raw) == nil {
                    e.add("region_code", "invalid_region_code", zh: "行政区划代码应为6位或9位数字", en: "must be a 6- or 9-digit code")
                } else if !regions.contains(raw) {
                    e.add("region_code", "unknown_region", zh: "未知的行政区划代码：\(raw)", en: "unknown division \(raw)")
                } else {
                    region = raw
                }
            }
            var sectors: [String] = []
            if let raw = e.required(r, "sectors") {
                for item in RowReader.list(raw) {
                    if let code = sectorLookup[item] ?? sectorLookup[item.lowercased()] { sectors.append(code) } else {
                        e.add("sectors", "unknown_sector", zh: "未知的行业：\(item)", en: "unknown sector \(item)")
                    }
                }
            }
            let key = e.bool(r, "key_enterprise") ?? false
            let override = e.bool(r, "high_risk_override")
            let reason = r.get("high_risk_override_reason")
            if override != nil, reason == nil {
                e.add("high_risk_override_reason", "required", zh: "有高危认定时须填写认定理由", en: "required with an override")
            }
            var status = EnterpriseStatus.active
            if let raw = r.get("status") {
                if let s = EnterpriseStatus(rawValue: raw.lowercased()) ?? statuses[raw] { status = s } else {
                    e.add("status", "invalid_status", zh: "状态无效：\(raw)", en: "unknown status \(raw)")
                }
            }
            var areas: [String] = []
            for (column, kind) in [("office_areas", AreaKind.office), ("production_areas", .production), ("living_areas", .living)] {
                for name in RowReader.list(r.get(column)) where !name.contains(":") { areas.append("\(kind.rawValue):\(name)") }
            }
            if !e.errors.isEmpty {
                errors += e.errors
                continue
            }
            staged.append(StagedEnterprise(
                row: line.number, creditCode: creditCode!, name: name!, regionCode: region!, sectors: Array(Set(sectors)).sorted(),
                keyEnterprise: key, highRiskOverride: override, highRiskOverrideReason: override == nil ? nil : reason,
                status: status.rawValue, areas: Array(Set(areas)).sorted()))
        }
        return staged
    }
}

enum InstitutionRows {
    static let statuses: [String: InstitutionStatus] = ["符合条件": .conforming, "限期整改": .rectifying, "已清退": .clearedOut]

    static func validate(_ table: CSVTable, index: [String: Int], conn: PGConnection, errors: inout [FieldError]) throws -> [StagedInstitution] {
        let regionColumn = index["region_code"]!
        let regions = try ImportRepository(conn).knownRegions(
            Array(Set(table.rows.compactMap { $0.cells.indices.contains(regionColumn) ? $0.cells[regionColumn].trimmedCell : nil })))
        let categories = try InstitutionRepository(conn).knownCategories((1...11).map(String.init))
        var staged: [StagedInstitution] = []
        for line in table.rows {
            let r = RowReader(cells: line.cells, index: index, row: line.number)
            var e = RowErrors(row: line.number, kind: .institutions)
            let creditCode = e.creditCode(r)
            let name = e.required(r, "name")
            var region: String?
            if let raw = e.required(r, "region_code") {
                if regions.contains(raw) { region = raw } else {
                    e.add("region_code", "unknown_region", zh: "未知的行政区划代码：\(raw)", en: "unknown division \(raw)")
                }
            }
            var kinds: [TrainingKind] = []
            for item in RowReader.list(r.get("training_kinds")) {
                if let k = TrainingKind(rawValue: item.lowercased()) { kinds.append(k) } else {
                    e.add("training_kinds", "invalid_training_kind", zh: "培训类别无效：\(item)", en: "unknown training kind \(item)")
                }
            }
            let cats = RowReader.list(r.get("special_op_categories"))
            for c in cats where !categories.contains(c) {
                e.add("special_op_categories", "unknown_category", zh: "未知的特种作业类别：\(c)", en: "unknown category \(c)")
            }
            if !cats.isEmpty, !kinds.contains(.specialOperations) {
                e.add("training_kinds", "needs_special_operations_kind", zh: "有特种作业类别时须包含special_operations", en: "requires special_operations")
            }
            var status = InstitutionStatus.conforming
            if let raw = r.get("status") {
                if let s = InstitutionStatus(rawValue: raw.lowercased()) ?? statuses[raw] { status = s } else {
                    e.add("status", "invalid_status", zh: "状态无效：\(raw)", en: "unknown status \(raw)")
                }
            }
            let deadline = e.date(r, "rectify_deadline", required: status == .rectifying)
            if status != .rectifying, deadline != nil {
                e.add("rectify_deadline", "not_allowed", zh: "只有限期整改状态才有整改期限", en: "only for rectifying")
            }
            if !e.errors.isEmpty {
                errors += e.errors
                continue
            }
            staged.append(StagedInstitution(
                row: line.number, creditCode: creditCode!, name: name!, regionCode: region!,
                trainingKinds: TrainingKind.allCases.filter(kinds.contains).map(\.rawValue),
                specialOpCategories: Array(Set(cats)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }, status: status.rawValue,
                rectifyDeadline: status == .rectifying ? deadline?.description : nil))
        }
        return staged
    }
}

/// `^[0-9+][0-9 -]{4,19}$` without a regular expression (one per row is costly).
enum PhoneFormat {
    static func valid(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard (5...20).contains(b.count), b[0] == UInt8(ascii: "+") || (b[0] >= 48 && b[0] <= 57) else { return false }
        return b.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 0x20 || $0 == UInt8(ascii: "-") }
    }
}

enum RegionRows {
    /// R-REGION: the parent of a code when the file does not name one.
    static func derivedParent(_ code: RegionCode) -> String? {
        switch code.level {
        case .province: nil
        case .prefecture: String(code.value.prefix(2)) + "0000"
        case .county: String(code.value.prefix(4)) + "00"
        case .township: String(code.value.prefix(6))
        }
    }

    /// Rows come back parents first, so each insert finds its parent.
    static func validate(_ table: CSVTable, index: [String: Int], conn: PGConnection, errors: inout [FieldError]) throws -> [StagedRegion] {
        var staged: [StagedRegion] = []
        for line in table.rows {
            let r = RowReader(cells: line.cells, index: index, row: line.number)
            var e = RowErrors(row: line.number, kind: .regions)
            var code: RegionCode?
            if let raw = e.required(r, "code") {
                code = RegionCode(raw)
                if code == nil {
                    e.add("code", "invalid_region_code", zh: "区划代码应为6位或9位数字", en: "must be a 6- or 9-digit division code")
                }
            }
            let name = e.required(r, "name")
            var parent = r.get("parent_code")
            if let code {
                if let given = parent {
                    if let p = RegionCode(given), p.contains(code), p != code {} else {
                        e.add("parent_code", "invalid_parent", zh: "上级代码不包含此区划", en: "the parent does not contain this division")
                    }
                } else {
                    parent = derivedParent(code)
                }
            }
            if !e.errors.isEmpty {
                errors += e.errors
                continue
            }
            staged.append(StagedRegion(row: line.number, code: code!.value, name: name!, parentCode: parent))
        }
        // Parents in the database or the file, repeats and insert order: in SQL
        // over the staged file (`regionConflicts`, `finishRegions`).
        return staged
    }

    static func level(_ code: String) -> Int {
        switch RegionCode(code)?.level {
        case .province: 0
        case .prefecture: 1
        case .county: 2
        default: 3
        }
    }
}

enum CertificateRows {
    static let endings: [String: String?] = ["有效": nil, "正常": nil, "过期": nil, "撤销": "revoked", "已撤销": "revoked",
                                              "注销": "cancelled", "已注销": "cancelled"]

    static func validate(_ table: CSVTable, index: [String: Int], today: CivilDate, conn: PGConnection,
                         errors: inout [FieldError]) throws -> [StagedCertificate] {
        let catalogue = try ReferenceRepository(conn).catalogue(version: "MEM-30")
        var items: [String: ReferenceRepository.CatalogueItem] = [:]
        for i in catalogue { items[i.code] = i; items[i.name] = i }
        // Document numbers: from the T-number, or the explicit column.
        func document(_ r: RowReader) -> String? {
            if let d = r.get("document_number") { return d.uppercased() }
            guard let n = r.get("number")?.uppercased(), n.hasPrefix("T") else { return nil }
            return String(n.dropFirst())
        }
        let docs = table.rows.compactMap { document(RowReader(cells: $0.cells, index: index, row: $0.number)) }
        let people = try ImportRepository(conn).peopleByDocument(Array(Set(docs)))
        var staged: [StagedCertificate] = []
        for line in table.rows {
            let r = RowReader(cells: line.cells, index: index, row: line.number)
            var e = RowErrors(row: line.number, kind: .certificates)
            let name = e.required(r, "name")
            let number = e.required(r, "number")?.uppercased()
            var person: (id: UUID, name: String)?
            if number != nil {
                if let doc = document(r) {
                    person = people[doc]
                    if person == nil {
                        e.add("number", "unknown_person", zh: "未登记此证件号码的人员，请先导入人员", en: "no person with this document; import people first")
                    } else if let name, person!.name != name {
                        e.add("name", "name_mismatch", zh: "姓名与人员登记不一致（\(person!.name)）", en: "differs from the registered name")
                    }
                } else {
                    e.add("document_number", "required", zh: "证号不是T+身份证号时须填写证件号码", en: "required when the number is not T + ID")
                }
            }
            var item: ReferenceRepository.CatalogueItem?
            if let raw = e.required(r, "item") {
                item = items[raw]
                if item == nil { e.add("item", "unknown_item", zh: "特种作业目录中没有此操作项目：\(raw)", en: "unknown operation item \(raw)") }
            }
            if let item, let category = r.get("category"), category != item.categoryCode, category != item.categoryName {
                e.add("category", "category_mismatch", zh: "作业类别与操作项目不一致", en: "category does not match the item")
            }
            let issued = e.date(r, "first_issued", required: true)
            let end = e.date(r, "validity_end", required: true)
            if let issued, issued > today { e.add("first_issued", "in_future", zh: "初领日期不能晚于今天", en: "in the future") }
            if let issued, let end, end <= issued { e.add("validity_end", "before_issue", zh: "有效期结束日期须晚于初领日期", en: "before the issue date") }
            let reviewed = e.date(r, "reviewed_on", required: false)
            let authority = e.required(r, "authority")
            var ending: String?? = .some(nil)
            if let raw = r.get("status") {
                ending = endings[raw]
                if ending == nil { e.add("status", "invalid_status", zh: "状态应为有效、撤销或注销", en: "unknown status \(raw)") }
            }
            if !e.errors.isEmpty {
                errors += e.errors
                continue
            }
            staged.append(StagedCertificate(
                row: line.number, personID: person!.id, number: number!, itemCode: item!.code, firstIssued: issued!.description,
                validityEnd: end!.description, authority: authority!, reviewedOn: reviewed?.description, ending: ending ?? nil))
        }
        return staged
    }
}
