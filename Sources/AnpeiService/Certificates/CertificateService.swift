import AnpeiDomain
import AnpeiStore
import Foundation

/// Special-operations certificates: administrators and the regulators of the
/// holder's region register them and record reviews, revocations and
/// cancellations; enterprises read their staff's; status is computed by the
/// domain for any date under the rule set in force.
public struct CertificateService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let rules = RuleSetCache()

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    public func register(_ call: CallContext, _ input: CertificateInput) async throws -> CertificateView {
        try authorizeIssuer(call)
        guard let personID = UUID(uuidString: input.personId) else { throw ServiceError.notFound(entity: "person") }
        let scope = ScopeFilter(call.principal.scope)
        let today = self.today
        do {
            return try await db.write(call) { conn, audit in
                guard let person = try PersonRepository(conn).find(id: personID, scope: scope) else {
                    throw ServiceError.notFound(entity: "person")
                }
                var v = Validator()
                let issuedField = v.date(input.firstIssued, "firstIssued")
                if let issued = issuedField, issued > today { v.add("firstIssued", "in_future", zh: "发证日期不能晚于今天", en: "must not be in the future") }
                let authorityField = v.text(input.issuingAuthority, "issuingAuthority", max: 100)
                let start = v.date(input.validityStart, "validityStart", required: false)
                let end = v.date(input.validityEnd, "validityEnd", required: false)
                _ = v.date(input.extensionConsentDate, "extensionConsentDate", required: false)
                _ = v.date(input.inTradeSince, "inTradeSince", required: false)
                // The catalogue is the one of the rule set in force on the issue
                // date unless the input names another (never a constant in code).
                let sets = try rules.get(conn)
                let catalogue = input.catalogueVersion
                    ?? issuedField.flatMap { CertificateRuleSet.applicable(on: $0, among: sets)?.catalogueVersion } ?? ""
                if try ReferenceRepository(conn).catalogue(version: catalogue).contains(where: { $0.code == input.itemCode }) == false {
                    v.add("itemCode", "unknown_item", zh: "特种作业目录（\(catalogue)）中没有此操作项目：\(input.itemCode)", en: "no such operation item")
                }
                // R-CERT-9: the number is "T" + the resident ID number unless given.
                var number = input.number?.trimmedCell.uppercased() ?? ""
                if number.isEmpty {
                    if person.documentType == .residentID { number = "T" + person.documentNumber } else {
                        v.add("number", "required", zh: "非居民身份证持证人须填写证号", en: "required for this holder")
                    }
                }
                let (issued, authority) = try v.finish(issuedField, authorityField)
                // R-CERT-14: false information or fraud bars a new application
                // for three years from the revocation.
                for r in try CertificateRepository(conn).revocations(personID: personID) {
                    guard let years = CertificateEndingCause(rawValue: r.cause)?.barsNewApplicationYears,
                          issued < r.date.adding(years: years) else { continue }
                    throw ServiceError.validation([FieldError(field: "personId", code: "application_barred", message: LocalizedText(
                        zh: "持证人的证书于 \(r.date) 因\(CertificateEndingCause(rawValue: r.cause)?.label.zh ?? r.cause)被撤销，\(years)年内不得再次申请（R-CERT-14）",
                        en: "revoked on \(r.date) for \(r.cause): no new application for \(years) years (R-CERT-14)"))])
                }
                let rules = try Self.ruleSet(on: issued, among: sets, field: "firstIssued")
                // R-CERT-12: the current period starts at the first issue unless
                // the certificate was renewed; R-CERT-3: it lasts the rule set's years.
                let validityStart = start ?? issued
                let validityEnd = end ?? validityStart.adding(years: rules.validityYears)
                var periodErrors: [FieldError] = []
                if validityStart < issued {
                    periodErrors.append(FieldError(field: "validityStart", code: "before_issue", message: LocalizedText(
                        zh: "有效期开始日期不能早于初领日期", en: "must not be before the first issue")))
                }
                if validityStart > today {
                    periodErrors.append(FieldError(field: "validityStart", code: "in_future", message: LocalizedText(
                        zh: "有效期开始日期不能晚于今天", en: "must not be in the future")))
                }
                if validityEnd <= validityStart {
                    periodErrors.append(FieldError(field: "validityEnd", code: "before_issue", message: LocalizedText(
                        zh: "有效期结束日期须晚于有效期开始日期", en: "must be after the start of validity")))
                } else if validityEnd > validityStart.adding(years: rules.validityYears) {
                    periodErrors.append(FieldError(field: "validityEnd", code: "validity_too_long", message: LocalizedText(
                        zh: "有效期不能超过\(rules.validityYears)年（R-CERT-3）", en: "validity is at most \(rules.validityYears) years (R-CERT-3)")))
                }
                if !periodErrors.isEmpty { throw ServiceError.validation(periodErrors) }
                let repo = CertificateRepository(conn)
                var values = CertificateValues(input)
                values.issuingAuthority = authority
                let id = try repo.insert(values, number: number, validityStart: validityStart, validityEnd: validityEnd, catalogue: catalogue)
                try audit.record(action: "certificate.registered", entityType: "certificate", entityID: id.lowercased, change: [
                    "personId": .string(person.id), "itemCode": .string(input.itemCode), "number": .string(IdentityDocument.mask(number)),
                    "firstIssued": .string(issued.description), "validityStart": .string(validityStart.description),
                    "validityEnd": .string(validityEnd.description),
                ])
                return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: sets, on: today)
            }
        } catch let e as StoreError where e.uniqueKey == .certificateNumber {
            throw Self.numberTaken
        }
    }

    public func get(_ call: CallContext, id: UUID, on date: CivilDate? = nil) async throws -> CertificateView {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            return try view(row, sets: rules.get(conn), on: on)
        }
    }

    public func forPerson(_ call: CallContext, personID: UUID, on date: CivilDate? = nil) async throws -> [CertificateView] {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            guard try PersonRepository(conn).find(id: personID, scope: scope) != nil else { throw ServiceError.notFound(entity: "person") }
            let repo = CertificateRepository(conn)
            let sets = try rules.get(conn)
            return try repo.forPerson(personID, item: nil, scope: scope).map { try view($0, sets: sets, on: on) }
        }
    }

    /// R-CERT-1 / R-EMP-3: allowed only with a certificate for that item whose
    /// status on `date` lets the holder work.
    public func workCheck(_ call: CallContext, personID: UUID, itemCode: String, on date: CivilDate? = nil) async throws -> WorkCheck {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            // One statement when the holder has the certificate (the gate's
            // usual case): the certificate query applies the caller's scope
            // itself; only an empty answer needs the person looked up, to tell
            // "no certificate" from "no such person in your scope" (404).
            let rows = try CertificateRepository(conn).forPerson(personID, item: itemCode, scope: scope)
            if rows.isEmpty, try !PersonRepository(conn).isVisible(id: personID, scope: scope) {
                throw ServiceError.notFound(entity: "person")
            }
            let sets = try rules.get(conn)
            let views = try rows.map { try view($0, sets: sets, on: on) }
            let allowed = views.contains { $0.status.mayWork }
            var reasons = views.flatMap(\.status.reasons)
            if views.isEmpty {
                reasons = [.init(rule: "R-CERT-1", date: on.description, message: "无此操作项目的特种作业操作证，不得上岗作业",
                                 messageEn: "no certificate for this operation item")]
            }
            return WorkCheck(personId: personID.lowercased, itemCode: itemCode, date: on.description, allowed: allowed,
                             reasons: allowed ? views.filter(\.status.mayWork).flatMap(\.status.reasons) : reasons,
                             certificates: views)
        }
    }

    /// Records a review; refused with the rule's reasons when R-CERT-5/6 forbid it.
    public func review(_ call: CallContext, id: UUID, _ input: ReviewInput) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        if !(0...1_000).contains(input.trainingHours) {
            v.add("trainingHours", "out_of_range", zh: "学时须在0至1000之间", en: "hours must be between 0 and 1000")
        }
        // R-CERT-6: a review not passed says why (Art. 25); a pass has no ground.
        var groundField: ReviewRefusalGround? = .trainingOrExamFailed
        if input.passed, input.ground != nil {
            v.add("ground", "not_allowed", zh: "通过的复审不填写不予通过的情形", en: "a passed review has no refusal ground")
        } else if let raw = input.ground {
            groundField = ReviewRefusalGround(rawValue: raw)
            if groundField == nil {
                v.add("ground", "invalid_ground", zh: "不予通过的情形须为：" + ReviewRefusalGround.allCases.map {
                    "\($0.rawValue)（\($0.label.zh)）"
                }.joined(separator: "、"), en: "one of " + ReviewRefusalGround.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let (date, refusalGround) = try v.finish(dateField, groundField)
        let ground = input.passed ? nil : refusalGround
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            let sets = try rules.get(conn)
            guard let rules = CertificateRuleSet.applicable(on: date, among: sets) else { throw ServiceError.noRuleSet(field: "date") }
            let refusals = ReviewSchedule.refusals(row.domain, on: date, trainingHours: input.trainingHours, passed: input.passed, rules: rules)
            if !refusals.isEmpty {
                throw ServiceError.validation(refusals.map {
                    FieldError(field: "date", code: "review_refused_\($0.rule.lowercased().replacingOccurrences(of: "-", with: "_"))",
                               message: $0.message)
                })
            }
            // R-CERT-12: the end-of-validity review, passed in its window, renews.
            let renewal = input.passed ? ReviewSchedule.renewal(row.domain, reviewedOn: date, rules: rules) : nil
            try repo.addReview(id: id, date: date, hours: input.trainingHours, passed: input.passed, ground: ground?.rawValue)
            if let renewal { try repo.renew(id: id, reviewedOn: date, start: renewal.start, end: renewal.end) }
            var change: [String: AuditValue] = [
                "date": .string(date.description), "trainingHours": .int(input.trainingHours), "passed": .bool(input.passed),
                "ruleSet": .string(rules.id),
            ]
            if let ground { change["ground"] = .string(ground.rawValue) }
            if let renewal {
                change["renewedFrom"] = .string(renewal.start.description)
                change["renewedUntil"] = .string(renewal.end.description)
            }
            try audit.record(action: "certificate.reviewed", entityType: "certificate", entityID: row.id.lowercased, change: change)
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: sets, on: today)
        }
    }

    /// R-CERT-4: records the authority's consent to the longer interval at any
    /// time within the current validity (not only at registration).
    public func recordExtensionConsent(_ call: CallContext, id: UUID, _ input: ExtensionConsent) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let since = v.date(input.inTradeSince, "inTradeSince", required: false)
        let date = try v.finish(dateField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            var errors: [FieldError] = []
            if date > today {
                errors.append(FieldError(field: "date", code: "in_future", message: LocalizedText(zh: "同意日期不能晚于今天", en: "must not be in the future")))
            }
            if date < row.validityStart || date > row.validityEnd {
                errors.append(FieldError(field: "date", code: "outside_validity", message: LocalizedText(
                    zh: "同意日期须在有效期（\(row.validityStart)至\(row.validityEnd)）内（R-CERT-4）",
                    en: "must fall within the validity \(row.validityStart) to \(row.validityEnd) (R-CERT-4)")))
            }
            if let since, since > date {
                errors.append(FieldError(field: "inTradeSince", code: "after_consent", message: LocalizedText(
                    zh: "从业开始日期不能晚于同意日期", en: "must not be after the consent")))
            }
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            try repo.setExtensionConsent(id: id, date: date, inTradeSince: since)
            var change: [String: AuditValue] = ["date": .string(date.description)]
            if let since { change["inTradeSince"] = .string(since.description) }
            try audit.record(action: "certificate.extension_consented", entityType: "certificate", entityID: row.id.lowercased, change: change)
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    /// R-CERT-7: revocation (撤销) or cancellation (注销).
    public func end(_ call: CallContext, id: UUID, revoke: Bool, _ input: CertificateEnd) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let reasonField = v.text(input.reason, "reason", max: 500)
        // R-CERT-14: the cause comes from the article's fixed list.
        let allowed = CertificateEndingCause.allCases.filter { $0.isRevocation == revoke }
        var causeField = input.cause.flatMap(CertificateEndingCause.init(rawValue:))
        if let cause = causeField, cause.isRevocation != revoke { causeField = nil }
        if causeField == nil {
            v.add("cause", input.cause == nil ? "required" : "invalid_cause",
                  zh: "原因须为：" + allowed.map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: "、"),
                  en: "one of " + allowed.map(\.rawValue).joined(separator: ", "))
        }
        let (date, reason, cause) = try v.finish(dateField, reasonField, causeField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            // R-CERT-14: a certificate is revoked once (and cancelled once); a
            // second one is refused rather than overwriting the first.
            if revoke, let first = row.revokedOn {
                throw ServiceError.conflict(code: "already_revoked", field: "date", message: LocalizedText(
                    zh: "证书已于 \(first) 撤销（R-CERT-14）", en: "already revoked on \(first) (R-CERT-14)"))
            }
            if !revoke, let first = row.cancelledOn {
                throw ServiceError.conflict(code: "already_cancelled", field: "date", message: LocalizedText(
                    zh: "证书已于 \(first) 注销", en: "already cancelled on \(first)"))
            }
            try repo.end(id: id, revoked: revoke, on: date, reason: reason, cause: cause.rawValue)
            try audit.record(action: revoke ? "certificate.revoked" : "certificate.cancelled", entityType: "certificate",
                             entityID: row.id.lowercased, change: [
                                 "date": .string(date.description), "reason": .string(reason), "cause": .string(cause.rawValue),
                             ])
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    /// A certificate number is registered once (special-operations and management alike).
    static let numberTaken = ServiceError.conflict(
        code: "certificate_number_taken", field: "number", message: LocalizedText(zh: "证号已登记", en: "certificate number already registered"))

    /// The rule set in force on an issue date; a date before every known rule set is refused.
    static func ruleSet(on date: CivilDate, among sets: [CertificateRuleSet], field: String) throws -> CertificateRuleSet {
        guard let rules = CertificateRuleSet.applicable(on: date, among: sets) else {
            throw ServiceError.validation([FieldError(field: field, code: "no_rule_set",
                message: LocalizedText(zh: "发证日期早于已知规则", en: "no rule set in force on that date"))])
        }
        return rules
    }

    func authorizeIssuer(_ call: CallContext) throws {
        switch call.principal.role {
        case .admin, .regulator: return
        default: throw ServiceError.forbidden
        }
    }

    /// Status on `date` under the rule set in force on that date.
    /// Status on `date` under the rule set in force when the current validity
    /// period began (issue 11 §2: rules apply by the event's date — the issue or
    /// the renewal — not by the date asked about).
    func view(_ row: CertificateRow, sets: [CertificateRuleSet], on date: CivilDate) throws -> CertificateView {
        let rules = CertificateRuleSet.applicable(on: row.validityStart, among: sets)
            ?? CertificateRuleSet.applicable(on: date, among: sets) ?? .mem30
        return CertificateView(certificate: Certificate(row), status: StatusView(CertificateStatus.evaluate(row.domain, on: date, rules: rules), asOf: date))
    }
}
