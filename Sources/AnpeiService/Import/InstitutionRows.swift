import AnpeiDomain
import AnpeiStore
import Foundation

enum InstitutionRows {
    static let statuses: [String: InstitutionStatus] = ["待检查": .pendingInspection, "符合条件": .conforming, "限期整改": .rectifying,
                                                        "已清退": .clearedOut]

    static func validate(_ table: CSVTable, index: [String: Int], conn: PGConnection, today: CivilDate,
                         errors: inout [FieldError]) throws -> [StagedInstitution] {
        let regionColumn = index["region_code"]!
        let regions = try ImportRepository(conn).knownRegions(
            Array(Set(table.rows.compactMap { $0.cells.indices.contains(regionColumn) ? $0.cells[regionColumn].trimmedCell : nil })))
        let categories = try InstitutionRepository(conn).knownCategories((1...11).map(String.init))
        // R-INST-2: a row without a status keeps the institution's (a new one is
        // pending inspection); a cleared-out institution's status never changes.
        let codeColumn = index["credit_code"]
        let existing = try InstitutionRepository(conn).statuses(creditCodes: Array(Set(table.rows.compactMap { row in
            codeColumn.flatMap { row.cells.indices.contains($0) ? row.cells[$0].trimmedCell.uppercased() : nil }
        })))
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
            let current = creditCode.flatMap { existing[$0] }
            var status = current?.status ?? .pendingInspection
            var deadline = current?.deadline
            if let raw = r.get("status") {
                if let s = InstitutionStatus(rawValue: raw.lowercased()) ?? statuses[raw] { status = s } else {
                    e.add("status", "invalid_status", zh: "状态无效：\(raw)", en: "unknown status \(raw)")
                }
                deadline = e.date(r, "rectify_deadline", required: status == .rectifying)
            } else if r.get("rectify_deadline") != nil {
                deadline = e.date(r, "rectify_deadline", required: false)
            }
            let effective = e.date(r, "status_effective", required: false)
            if let effective, effective > today {
                e.add("status_effective", "in_future", zh: "状态生效日期不能晚于今天", en: "must not be in the future")
            }
            if current?.status == .clearedOut, status != .clearedOut {
                e.add("status", "institution_cleared_out", zh: "该培训机构已清退，清退后不能变更状态（R-INST-2）",
                      en: "cleared out: the status cannot change any more (R-INST-2)")
            }
            if status != .rectifying, deadline != nil {
                e.add("rectify_deadline", "not_allowed", zh: "只有限期整改状态才有整改期限", en: "only for rectifying")
            }
            guard case let (creditCode, name, region)? = try e.accepted(creditCode, name, region) else {
                errors += e.errors
                continue
            }
            staged.append(StagedInstitution(
                row: line.number, creditCode: creditCode, name: name, regionCode: region,
                trainingKinds: TrainingKind.allCases.filter(kinds.contains).map(\.rawValue),
                specialOpCategories: Array(Set(cats)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }, status: status.rawValue,
                rectifyDeadline: status == .rectifying ? deadline?.description : nil, statusEffective: effective?.description))
        }
        return staged
    }
}
