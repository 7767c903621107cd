import AnpeiDomain
import AnpeiStore
import Foundation

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
            guard case let (creditCode, name, region)? = try e.accepted(creditCode, name, region) else {
                errors += e.errors
                continue
            }
            staged.append(StagedInstitution(
                row: line.number, creditCode: creditCode, name: name, regionCode: region,
                trainingKinds: TrainingKind.allCases.filter(kinds.contains).map(\.rawValue),
                specialOpCategories: Array(Set(cats)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }, status: status.rawValue,
                rectifyDeadline: status == .rectifying ? deadline?.description : nil))
        }
        return staged
    }
}
