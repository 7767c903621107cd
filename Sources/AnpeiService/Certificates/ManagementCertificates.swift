import AnpeiDomain
import AnpeiStore
import Foundation

/// 安全生产知识和管理能力考核合格证 (R-CERT-11): registered, re-examined and revoked
/// by administrators and the regulators of the holder's region; read by
/// whoever can see the holder.
extension CertificateService {

    static let holderRoles = ["principal", "safety_manager"]

    public func registerManagement(_ call: CallContext, _ input: ManagementCertificateInput) async throws -> ManagementCertificateView {
        try authorizeIssuer(call)
        guard let personID = UUID(uuidString: input.personId) else { throw ServiceError.notFound(entity: "person") }
        let scope = ScopeFilter(call.principal.scope)
        let today = self.today
        do {
            return try await db.write(call) { conn, audit in
                guard try PersonRepository(conn).isVisible(id: personID, scope: scope) else { throw ServiceError.notFound(entity: "person") }
                var v = Validator()
                if !Self.holderRoles.contains(input.holderRole) {
                    v.add("holderRole", "invalid", zh: "持证人身份须为 principal（主要负责人）或 safety_manager（安全生产管理人员）",
                          en: "must be principal or safety_manager")
                }
                if try ReferenceRepository(conn).sectorLookup()[input.sectorCode] == nil {
                    v.add("sectorCode", "unknown_sector", zh: "未知行业：\(input.sectorCode)", en: "no such sector")
                }
                let numberField = v.text(input.number.trimmedCell.uppercased(), "number", max: 50)
                let authorityField = v.text(input.issuingAuthority, "issuingAuthority", max: 100)
                let issuedField = v.date(input.issuedOn, "issuedOn")
                if let issued = issuedField, issued > today {
                    v.add("issuedOn", "in_future", zh: "发证日期不能晚于今天", en: "must not be in the future")
                }
                let (number, authority, issued) = try v.finish(numberField, authorityField, issuedField)
                let sets = try rules.get(conn)
                let rules = try Self.ruleSet(on: issued, among: sets, field: "issuedOn")
                // R-CERT-11: issued only on a passed exam.
                guard (0...100).contains(input.examScore), input.examScore >= rules.managementPassScore else {
                    throw ServiceError.validation([FieldError(field: "examScore", code: "exam_not_passed", message: LocalizedText(
                        zh: "考核成绩须为 \(rules.managementPassScore)–100 分（R-CERT-11）",
                        en: "the exam is passed at \(rules.managementPassScore) of 100 (R-CERT-11)"))])
                }
                try ManagementExamEvidence.check(conn, attemptID: input.examAttemptId, personID: personID, certificate: nil, date: issued,
                                                 score: input.examScore)
                var stored = ManagementCertificateValues(input)
                stored.issuingAuthority = authority
                let repo = ManagementCertificateRepository(conn)
                let id = try repo.insert(stored, number: number)
                try audit.record(action: "management_certificate.registered", entityType: "management_certificate", entityID: id.lowercased, change: [
                    "personId": .string(personID.lowercased), "holderRole": .string(input.holderRole), "sectorCode": .string(input.sectorCode),
                    "number": .string(IdentityDocument.mask(number)), "issuedOn": .string(issued.description), "examScore": .int(input.examScore),
                    "examAttemptId": input.examAttemptId.map(AuditValue.string) ?? .null,
                ])
                return try managementView(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: sets, on: today)
            }
        } catch let e as StoreError where e.uniqueKey == .managementCertificateNumber {
            throw Self.numberTaken
        }
    }

    public func getManagement(_ call: CallContext, id: UUID, on date: CivilDate? = nil) async throws -> ManagementCertificateView {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            guard let row = try ManagementCertificateRepository(conn).find(id: id, scope: scope) else {
                throw ServiceError.notFound(entity: "management_certificate")
            }
            return try managementView(row, sets: rules.get(conn), on: on)
        }
    }

    public func managementForPerson(_ call: CallContext, personID: UUID, on date: CivilDate? = nil) async throws -> [ManagementCertificateView] {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            guard try PersonRepository(conn).isVisible(id: personID, scope: scope) else { throw ServiceError.notFound(entity: "person") }
            let sets = try rules.get(conn)
            return try ManagementCertificateRepository(conn).forPerson(personID, scope: scope).map { try managementView($0, sets: sets, on: on) }
        }
    }

    /// Records a passed re-examination; refused with the rule's reasons when it
    /// is outside the window, the certificate lapsed or was revoked, or the score is short.
    public func reexamine(_ call: CallContext, id: UUID, _ input: Reexamination) async throws -> ManagementCertificateView {
        _ = try await getManagement(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let today = self.today
        if let date = dateField, date > today { v.add("date", "in_future", zh: "考核日期不能晚于今天", en: "must not be in the future") }
        let date = try v.finish(dateField)
        do {
            return try await db.write(call) { conn, audit in
                let repo = ManagementCertificateRepository(conn)
                guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "management_certificate") }
                let sets = try rules.get(conn)
                guard let rules = CertificateRuleSet.applicable(on: date, among: sets) else { throw ServiceError.noRuleSet(field: "date") }
                try ManagementExamEvidence.check(conn, attemptID: input.examAttemptId, personID: row.personId, certificate: id, date: date,
                                                 score: input.score)
                let refusals = ManagementCertificateStatus.reexaminationRefusals(row.domain, on: date, score: input.score, rules: rules)
                if !refusals.isEmpty {
                    throw ServiceError.validation(refusals.map {
                        FieldError(field: $0.date == date ? "score" : "date", code: "reexamination_refused", message: $0.message)
                    })
                }
                try repo.addReexamination(id: id, date: date, score: input.score)
                try audit.record(action: "management_certificate.reexamined", entityType: "management_certificate", entityID: row.id.lowercased, change: [
                    "date": .string(date.description), "score": .int(input.score), "ruleSet": .string(rules.id),
                ])
                return try managementView(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: sets, on: today)
            }
        } catch StoreError.conflict(_, _) {
            throw ServiceError.conflict(code: "reexamination_exists", field: "date",
                                        message: LocalizedText(zh: "该日期已记录再考核", en: "a re-examination is already recorded on that date"))
        }
    }

    public func revokeManagement(_ call: CallContext, id: UUID, _ input: CertificateEnd) async throws -> ManagementCertificateView {
        let current = try await getManagement(call, id: id)  // 404 before 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let reasonField = v.text(input.reason, "reason", max: 500)
        if current.certificate.revokedOn != nil { v.add("date", "already_revoked", zh: "证书已撤销", en: "already revoked") }
        let (date, reason) = try v.finish(dateField, reasonField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = ManagementCertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "management_certificate") }
            try repo.revoke(id: id, on: date, reason: reason)
            try audit.record(action: "management_certificate.revoked", entityType: "management_certificate", entityID: row.id.lowercased,
                             change: ["date": .string(date.description), "reason": .string(reason)])
            return try managementView(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    /// Status on `date` under the rule set in force on that date.
    func managementView(_ row: ManagementCertificateRow, sets: [CertificateRuleSet], on date: CivilDate) throws -> ManagementCertificateView {
        // The rule set in force at the issue (issue 11 §2), not at the date asked about.
        let rules = CertificateRuleSet.applicable(on: row.issuedOn, among: sets)
            ?? CertificateRuleSet.applicable(on: date, among: sets) ?? .mem30
        let cert = row.domain
        return ManagementCertificateView(
            certificate: ManagementCertificateDetails(row), validityEnd: cert.validityEnd(asOf: date, rules: rules).description,
            status: StatusView(ManagementCertificateStatus.evaluate(cert, on: date, rules: rules), asOf: date))
    }
}
