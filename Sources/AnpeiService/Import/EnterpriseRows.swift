import AnpeiDomain
import AnpeiStore
import Foundation

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
            // R-WAVE-9: 隶属关系 of a state enterprise, for the SASAC batches.
            var ownership: EnterpriseOwnership?
            if let raw = r.get("ownership") {
                ownership = EnterpriseOwnership(rawValue: raw.lowercased())
                    ?? ["中央在藏": .central, "央企": .central, "中央": .central, "区属": .regional, "地市属": .prefecture, "市属": .prefecture][raw]
                if ownership == nil { e.add("ownership", "invalid_ownership", zh: "隶属关系应为中央在藏、区属或地市属", en: "unknown ownership \(raw)") }
            }
            var areas: [String] = []
            for (column, kind) in [("office_areas", AreaKind.office), ("production_areas", .production), ("living_areas", .living)] {
                for name in RowReader.list(r.get(column)) where !name.contains(":") { areas.append("\(kind.rawValue):\(name)") }
            }
            guard case let (creditCode, name, region)? = try e.accepted(creditCode, name, region) else {
                errors += e.errors
                continue
            }
            staged.append(StagedEnterprise(
                row: line.number, creditCode: creditCode, name: name, regionCode: region, sectors: Array(Set(sectors)).sorted(),
                keyEnterprise: key, highRiskOverride: override, highRiskOverrideReason: override == nil ? nil : reason,
                status: status.rawValue, areas: Array(Set(areas)).sorted(), ownership: ownership?.rawValue))
        }
        return staged
    }
}
