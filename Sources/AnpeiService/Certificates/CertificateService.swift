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
            // R-3V-2: off post while a retraining case is open, whatever the certificate.
            let offPost = try ViolationRepository(conn).offPostCases(person: personID, on: on)
            let allowed = views.contains { $0.status.mayWork } && offPost.isEmpty
            var reasons = views.flatMap(\.status.reasons)
            if views.isEmpty {
                reasons = [.init(rule: "R-CERT-1", date: on.description, message: "无此操作项目的特种作业操作证，不得上岗作业",
                                 messageEn: "no certificate for this operation item")]
            }
            let caseReasons: [StatusView.Reason] = offPost.map {
                let kind = ViolationKind(rawValue: $0.kind)?.label ?? LocalizedText(zh: $0.kind, en: $0.kind)
                return .init(rule: "R-3V-2", date: $0.openedOn.description,
                             message: "因\(kind.zh)脱岗再培训中（案件 \($0.id.uuidString.lowercased())），考试合格复岗前不得上岗",
                             messageEn: "off post for retraining after \(kind.en) (case \($0.id.uuidString.lowercased())) until an exam is passed")
            }
            if !offPost.isEmpty {
                return WorkCheck(personId: personID.lowercased, itemCode: itemCode, date: on.description, allowed: false,
                                 reasons: caseReasons + (views.contains { $0.status.mayWork } ? [] : reasons), certificates: views)
            }
            return WorkCheck(personId: personID.lowercased, itemCode: itemCode, date: on.description, allowed: allowed,
                             reasons: allowed ? views.filter(\.status.mayWork).flatMap(\.status.reasons) : reasons,
                             certificates: views)
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

    /// Status on `date` under the rule set in force when the current validity
    /// period began (issue 11 §2: rules apply by the event's date — the issue or
    /// the renewal — not by the date asked about).
    func view(_ row: CertificateRow, sets: [CertificateRuleSet], on date: CivilDate) throws -> CertificateView {
        let rules = CertificateRuleSet.applicable(on: row.validityStart, among: sets)
            ?? CertificateRuleSet.applicable(on: date, among: sets) ?? .mem30
        return CertificateView(certificate: Certificate(row), status: StatusView(CertificateStatus.evaluate(row.domain, on: date, rules: rules), asOf: date))
    }
}
