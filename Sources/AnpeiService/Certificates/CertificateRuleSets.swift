import AnpeiDomain
import AnpeiStore
import Foundation

/// Rule sets and catalogue versions are data (DOMAIN.md "Certificate rules"):
/// an administrator adds a successor — say 应急管理部令第19号 with its new
/// catalogue — without a code change, and certificates are judged by the set
/// in force on each event's date.
extension CertificateService {
    public func ruleSets(_ call: CallContext) async throws -> [RuleSetView] {
        try await db.read { conn in try CertificateRepository(conn).storedRuleSets() }.map(RuleSetView.init)
    }

    public func addRuleSet(_ call: CallContext, _ input: RuleSetInput) async throws -> RuleSetView {
        guard call.principal.role == .admin else { throw ServiceError.forbidden }
        let r = input.rules
        var v = Validator()
        let idField = v.text(r.id, "id", max: 40)
        let nameField = v.text(r.name, "name", max: 200)
        let fromField = v.date(r.effectiveFrom, "effectiveFrom")
        let versionField = v.text(r.catalogueVersion, "catalogueVersion", max: 40)
        if let c = input.catalogue {
            if c.version != r.catalogueVersion {
                v.add("catalogue.version", "mismatch", zh: "目录版本须与 catalogueVersion 一致", en: "must equal catalogueVersion")
            }
            let categories = Set(c.categories.map(\.code))
            if c.categories.isEmpty || c.items.isEmpty {
                v.add("catalogue", "required", zh: "目录须含作业类别和操作项目", en: "needs categories and items")
            }
            for (i, cat) in c.categories.enumerated() where cat.code.isEmpty || !cat.code.allSatisfy(\.isNumber) || cat.name.isEmpty {
                v.add("catalogue.categories[\(i)]", "invalid_code", zh: "作业类别代码须为数字，名称不能为空", en: "numeric code and a name")
            }
            for (i, item) in c.items.enumerated() {
                let parts = item.code.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count != 2 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) || item.name.isEmpty {
                    v.add("catalogue.items[\(i)]", "invalid_code", zh: "操作项目代码须为“类别.项目”，名称不能为空", en: "code category.item and a name")
                } else if !categories.contains(String(parts[0])) {
                    v.add("catalogue.items[\(i)]", "unknown_category", zh: "操作项目的作业类别不在目录中", en: "its category is not in the catalogue")
                }
            }
            if Set(c.items.map(\.code)).count != c.items.count || categories.count != c.categories.count {
                v.add("catalogue", "duplicate_code", zh: "目录中有重复代码", en: "duplicate codes")
            }
        }
        let (id, name, from, version) = try v.finish(idField, nameField, fromField, versionField)
        let rules = CertificateRuleSet(
            id: id, effectiveFrom: from, validityYears: r.validityYears, reviewIntervalYears: r.reviewIntervalYears,
            extendedReviewIntervalYears: r.extendedReviewIntervalYears, extensionMinYearsInTrade: r.extensionMinYearsInTrade,
            reviewWindowDays: r.reviewWindowDays, minReviewTrainingHours: r.minReviewTrainingHours,
            blockingViolations: r.blockingViolations, offPostMonthsForPracticalExam: r.offPostMonthsForPracticalExam,
            managementValidityYears: r.managementValidityYears, managementRenewalWindowDays: r.managementRenewalWindowDays,
            managementPassScore: r.managementPassScore, retestGraceDays: r.retestGraceDays, catalogueVersion: version)
        if !rules.problems.isEmpty { throw ServiceError.validation(rules.problems) }
        let cache = self.rules
        let stored = try await db.write(call) { conn, audit -> RuleSetView in
            let repo = CertificateRepository(conn)
            let existing = try repo.storedRuleSets()
            if existing.contains(where: { $0.rules.id == id }) {
                throw ServiceError.conflict(code: "rule_set_exists", field: "id", message: LocalizedText(zh: "规则编号已存在", en: "rule set id exists"))
            }
            if existing.contains(where: { $0.rules.effectiveFrom == from }) {
                throw ServiceError.conflict(code: "rule_set_date_taken", field: "effectiveFrom", message: LocalizedText(
                    zh: "同一施行日期已有规则", en: "another rule set takes effect that day"))
            }
            if let c = input.catalogue {
                guard try ReferenceRepository(conn).catalogue(version: c.version).isEmpty else {
                    throw ServiceError.conflict(code: "catalogue_exists", field: "catalogue.version", message: LocalizedText(
                        zh: "目录版本已存在，请直接引用", en: "catalogue version exists: refer to it"))
                }
                try repo.insertCatalogue(version: c.version, name: c.name, effectiveFrom: from,
                                         categories: c.categories.map { ($0.code, $0.name) }, items: c.items.map { ($0.code, $0.name) })
            } else if try ReferenceRepository(conn).catalogue(version: version).isEmpty {
                throw ServiceError.validation([FieldError(field: "catalogueVersion", code: "unknown_catalogue", message: LocalizedText(
                    zh: "没有此目录版本：\(version)，请随规则一并提交目录", en: "no such catalogue version; include the catalogue"))])
            }
            try repo.insertRuleSet(rules, name: name)
            try audit.record(action: "rule_set.added", entityType: "certificate_rule_set", entityID: id, change: [
                "effectiveFrom": .string(from.description), "catalogueVersion": .string(version),
                "newCatalogue": .bool(input.catalogue != nil),
            ])
            return RuleSetView(rules, name: name)
        }
        // Seen at once by this process; another process reads it within the cache's TTL.
        cache.invalidate()
        return stored
    }
}
