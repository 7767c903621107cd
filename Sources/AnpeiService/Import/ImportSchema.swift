import AnpeiDomain

/// What can be imported from CSV.
/// The columns of each import file. Headers may be the Chinese or the English
/// name; order does not matter; unknown headers are refused.
public struct ImportColumn: Sendable {
    public let key: String
    public let zh: String
    public let required: Bool
    public let note: String
    public let example: String
}

public enum ImportSchema {
    public static func columns(_ kind: ImportKind) -> [ImportColumn] {
        switch kind {
        case .regions:
            [
                .init(key: "code", zh: "区划代码", required: true, note: "6位（省、市、县）或9位（乡镇、街道）", example: "140825100"),
                .init(key: "name", zh: "名称", required: true, note: "", example: "龙兴镇"),
                .init(key: "parent_code", zh: "上级代码", required: false, note: "留空则按代码推算（R-REGION）", example: "140825"),
            ]
        case .certificates:
            // The field layout of the national query platform (DOMAIN.md "Public record fields").
            [
                .init(key: "name", zh: "姓名", required: true, note: "须与人员登记一致", example: "张三"),
                .init(key: "gender", zh: "性别", required: false, note: "", example: "男"),
                .init(key: "number", zh: "证号", required: true, note: "T+身份证号，或其他证号（须同时填证件号码）", example: "T140825198506151235"),
                .init(key: "document_number", zh: "证件号码", required: false, note: "证号不是T+身份证号时必填", example: ""),
                .init(key: "category", zh: "作业类别", required: false, note: "名称或代码，须与操作项目一致", example: "电工作业"),
                .init(key: "item", zh: "操作项目", required: true, note: "名称或代码（初领日期时施行的规则所用目录）", example: "低压电工作业"),
                .init(key: "first_issued", zh: "初领日期", required: true, note: "YYYY-MM-DD", example: "2020-03-15"),
                .init(key: "validity_start", zh: "有效期开始日期", required: false, note: "本有效期的开始日期（延期复审后为新有效期开始）；空则为初领日期（R-CERT-12）", example: "2020-03-15"),
                .init(key: "validity_end", zh: "有效期结束日期", required: true, note: "", example: "2026-03-15"),
                .init(key: "review_due", zh: "应复审日期", required: false, note: "由规则计算，仅供核对", example: "2023-03-15"),
                .init(key: "reviewed_on", zh: "实际复审日期", required: false, note: "记为一次通过的复审", example: "2023-02-01"),
                .init(key: "authority", zh: "发证机关", required: true, note: "", example: "运城市应急管理局"),
                .init(key: "national_registration", zh: "联网登记日期", required: false, note: "在全国特种作业操作证信息系统登记的日期（R-CERT-2）", example: "2024-06-30"),
                .init(key: "status", zh: "状态", required: false, note: "有效/撤销/注销（撤销、注销以导入日为记录日期）", example: "有效"),
            ]
        case .enterprises:
            [
                .init(key: "credit_code", zh: "统一社会信用代码", required: true, note: "18位，含校验位", example: "91140825MA0K00001J"),
                .init(key: "name", zh: "单位名称", required: true, note: "", example: "新绛县某矿业有限公司"),
                .init(key: "region_code", zh: "行政区划代码", required: true, note: "6位或9位", example: "140825"),
                .init(key: "sectors", zh: "行业", required: true, note: "行业或单位类型，多个用、或;分隔（中文名或代码）", example: "非煤矿山"),
                .init(key: "key_enterprise", zh: "重点企业", required: false, note: "是/否", example: "是"),
                .init(key: "high_risk_override", zh: "高危认定", required: false, note: "是/否/留空（按行业）", example: ""),
                .init(key: "high_risk_override_reason", zh: "认定理由", required: false, note: "有高危认定时必填", example: ""),
                .init(key: "status", zh: "状态", required: false, note: "active/suspended/closed（在营/停产/关闭）", example: "在营"),
                .init(key: "ownership", zh: "隶属关系", required: false, note: "国有企业填写：中央在藏/区属/地市属（central/regional/prefecture，R-WAVE-9）", example: ""),
                .init(key: "office_areas", zh: "办公区", required: false, note: "名称，多个用;分隔", example: "办公楼"),
                .init(key: "production_areas", zh: "生产区", required: false, note: "名称，多个用;分隔", example: "一号井;选矿厂"),
                .init(key: "living_areas", zh: "生活区", required: false, note: "名称，多个用;分隔", example: "职工宿舍"),
            ]
        case .people:
            [
                .init(key: "document_type", zh: "证件类型", required: false, note: "默认居民身份证", example: "居民身份证"),
                .init(key: "document_number", zh: "证件号码", required: true, note: "身份证18位（15位自动升位）", example: "140825198506151235"),
                .init(key: "name", zh: "姓名", required: true, note: "", example: "张三"),
                .init(key: "gender", zh: "性别", required: false, note: "身份证可推算，填写须一致", example: "男"),
                .init(key: "birth_date", zh: "出生日期", required: false, note: "YYYY-MM-DD", example: ""),
                .init(key: "phone", zh: "手机号码", required: false, note: "", example: "13800000000"),
                .init(key: "enterprise_credit_code", zh: "单位统一社会信用代码", required: true, note: "须已登记", example: "91140825MA0K00001J"),
                .init(key: "roles", zh: "岗位角色", required: true, note: "主要负责人、消防安全责任人、安全生产管理人员、特种作业人员、自动消防系统操作人员、从业人员，多个用、分隔", example: "特种作业人员"),
                .init(key: "employment_type", zh: "用工形式", required: true, note: "正式/劳务派遣/灵活用工/外包外租", example: "正式"),
                .init(key: "post", zh: "岗位", required: false, note: "", example: "井下爆破工"),
                .init(key: "hazardous_post", zh: "井下或地面危险岗位", required: false, note: "是/否", example: "是"),
                .init(key: "start_date", zh: "入职日期", required: true, note: "YYYY-MM-DD", example: "2020-03-01"),
                .init(key: "end_date", zh: "离职日期", required: false, note: "YYYY-MM-DD", example: ""),
            ]
        case .institutions:
            [
                .init(key: "credit_code", zh: "统一社会信用代码", required: true, note: "18位，含校验位", example: "52140825MJY0000121"),
                .init(key: "name", zh: "机构名称", required: true, note: "", example: "新绛县安全培训中心"),
                .init(key: "region_code", zh: "行政区划代码", required: true, note: "", example: "140825"),
                .init(key: "training_kinds", zh: "培训类别", required: false, note: "principal/safety_manager/special_operations/fire_safety/employee，多个用、分隔", example: "principal、special_operations"),
                .init(key: "special_op_categories", zh: "特种作业类别", required: false, note: "目录类别代码，多个用、分隔", example: "1、2"),
                .init(key: "status", zh: "AQ8011状态", required: false, note: "pending_inspection/conforming/rectifying/cleared_out（待检查/符合条件/限期整改/已清退）；空则保持原状态，新机构为待检查（R-INST-2）", example: "符合条件"),
                .init(key: "rectify_deadline", zh: "整改期限", required: false, note: "限期整改时必填", example: ""),
                .init(key: "status_effective", zh: "状态生效日期", required: false, note: "该状态自何日起生效（如检查日期）；空则为导入当日", example: "2024-06-30"),
            ]
        }
    }

    /// Maps a file's header to column keys; unknown or duplicate headers are errors.
    static func mapHeader(_ header: [String], kind: ImportKind) -> Result<[String: Int], ValidationFailure> {
        let columns = columns(kind)
        var index: [String: Int] = [:]
        var errors: [FieldError] = []
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let column = columns.first(where: { $0.key == name.lowercased() || $0.zh == name }) else {
                errors.append(FieldError(field: name, code: "unknown_column",
                                         message: LocalizedText(zh: "未知的列名：\(name)", en: "unknown column \(name)"), row: 1))
                continue
            }
            if index[column.key] != nil {
                errors.append(FieldError(field: name, code: "duplicate_column",
                                         message: LocalizedText(zh: "列重复：\(name)", en: "duplicate column \(name)"), row: 1))
            }
            index[column.key] = i
        }
        for column in columns where column.required && index[column.key] == nil {
            errors.append(FieldError(field: column.zh, code: "missing_column",
                                     message: LocalizedText(zh: "缺少必填列：\(column.zh)", en: "missing column \(column.key)"), row: 1))
        }
        return errors.isEmpty ? .success(index) : .failure(ValidationFailure(errors))
    }

    /// A template: UTF-8 with BOM (Excel opens it correctly), Chinese header, one example row.
    public static func template(_ kind: ImportKind, language: Language = .zh) -> String {
        let columns = columns(kind)
        let header = columns.map { language == .zh ? $0.zh : $0.key }.joined(separator: ",")
        let example = columns.map { CSVTable.quote($0.example) }.joined(separator: ",")
        return "\u{FEFF}" + header + "\r\n" + example + "\r\n"
    }
}

import Foundation
