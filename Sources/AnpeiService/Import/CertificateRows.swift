import AnpeiDomain
import AnpeiStore
import Foundation

enum CertificateRows {
    static let endings: [String: String?] = ["有效": nil, "正常": nil, "过期": nil, "撤销": "revoked", "已撤销": "revoked",
                                              "注销": "cancelled", "已注销": "cancelled"]

    static func validate(_ table: CSVTable, index: [String: Int], today: CivilDate, conn: PGConnection,
                         errors: inout [FieldError]) throws -> [StagedCertificate] {
        let ruleSets = try CertificateRepository(conn).ruleSets()
        // Each row's items come from the catalogue of the rule set in force on
        // its first issue (no catalogue version in code).
        var catalogues: [String: [String: ReferenceRepository.CatalogueItem]] = [:]
        for version in Set(ruleSets.map(\.catalogueVersion)) {
            var items: [String: ReferenceRepository.CatalogueItem] = [:]
            for i in try ReferenceRepository(conn).catalogue(version: version) { items[i.code] = i; items[i.name] = i }
            catalogues[version] = items
        }
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
                    } else if let name, let registered = person?.name, registered != name {
                        e.add("name", "name_mismatch", zh: "姓名与人员登记不一致（\(registered)）", en: "differs from the registered name")
                    }
                } else {
                    e.add("document_number", "required", zh: "证号不是T+身份证号时须填写证件号码", en: "required when the number is not T + ID")
                }
            }
            let issued = e.date(r, "first_issued", required: true)
            let catalogue = issued.flatMap { CertificateRuleSet.applicable(on: $0, among: ruleSets)?.catalogueVersion }
            if let issued, catalogue == nil {
                e.add("first_issued", "no_rule_set", zh: "初领日期 \(issued) 早于已知规则", en: "no rule set in force on that date")
            }
            var item: ReferenceRepository.CatalogueItem?
            if let raw = e.required(r, "item"), let catalogue {
                item = catalogues[catalogue]?[raw]
                if item == nil {
                    e.add("item", "unknown_item", zh: "特种作业目录（\(catalogue)）中没有此操作项目：\(raw)", en: "unknown operation item \(raw)")
                }
            }
            if let item, let category = r.get("category"), category != item.categoryCode, category != item.categoryName {
                e.add("category", "category_mismatch", zh: "作业类别与操作项目不一致", en: "category does not match the item")
            }
            let startGiven = e.date(r, "validity_start", required: false)
            let end = e.date(r, "validity_end", required: true)
            if let issued, issued > today { e.add("first_issued", "in_future", zh: "初领日期不能晚于今天", en: "in the future") }
            // R-CERT-12: the current period starts at the first issue unless renewed;
            // R-CERT-3: it lasts at most the rule set's years.
            let start = startGiven ?? issued
            if let issued, let s = startGiven, s < issued {
                e.add("validity_start", "before_issue", zh: "有效期开始日期不能早于初领日期", en: "before the first issue")
            }
            if let s = start, let end {
                if end <= s {
                    e.add("validity_end", "before_issue", zh: "有效期结束日期须晚于有效期开始日期", en: "before the start of validity")
                } else if let rules = CertificateRuleSet.applicable(on: s, among: ruleSets), end > s.adding(years: rules.validityYears) {
                    e.add("validity_end", "validity_too_long", zh: "有效期不能超过\(rules.validityYears)年（R-CERT-3）",
                          en: "validity is at most \(rules.validityYears) years (R-CERT-3)")
                }
            }
            let reviewed = e.date(r, "reviewed_on", required: false)
            let registered = e.date(r, "national_registration", required: false)
            if let registered, registered > today {
                e.add("national_registration", "in_future", zh: "联网登记日期不能晚于今天", en: "in the future")
            }
            let authority = e.required(r, "authority")
            var ending: String?? = .some(nil)
            if let raw = r.get("status") {
                ending = endings[raw]
                if ending == nil { e.add("status", "invalid_status", zh: "状态应为有效、撤销或注销", en: "unknown status \(raw)") }
            }
            guard case let (person, number, item, issued, start, end, authority, catalogue)? =
                    try e.accepted(person, number, item, issued, start, end, authority, catalogue) else {
                errors += e.errors
                continue
            }
            staged.append(StagedCertificate(
                row: line.number, personID: person.id, number: number, itemCode: item.code, catalogueVersion: catalogue,
                firstIssued: issued.description, validityStart: start.description, validityEnd: end.description, authority: authority,
                reviewedOn: reviewed?.description, ending: ending ?? nil, nationalRegistration: registered?.description))
        }
        return staged
    }
}
