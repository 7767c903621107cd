import AnpeiDomain
import AnpeiStore
import Foundation

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
            guard case let (code, name)? = try e.accepted(code, name) else {
                errors += e.errors
                continue
            }
            staged.append(StagedRegion(row: line.number, code: code.value, name: name, parentCode: parent))
        }
        // Parents in the database or the file, repeats and insert order: in SQL
        // over the staged file (`regionConflicts`, `finishRegions`).
        return staged
    }
}
