import AnpeiDomain
import AnpeiStore
import Foundation

/// 三违 records and the retraining cases they open (R-3V-2/4). Regulators
/// record in their region, enterprises for their own staff; a correction is a
/// new record that supersedes, never an edit.
public struct ViolationService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let rules: RetrainingRules

    public init(db: UnitOfWork, config: ServiceConfig, rules: RetrainingRules = .defaults) {
        self.db = db
        self.config = config
        self.rules = rules
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// Who may record and manage cases: administrators, regulators (their region), enterprises (their own).
    func authorizeWrite(_ call: CallContext) throws {
        switch call.principal.role {
        case .admin, .regulator, .enterprise: return
        default: throw ServiceError.forbidden
        }
    }

    public func record(_ call: CallContext, _ input: ViolationInput) async throws -> CaseView {
        try authorizeWrite(call)
        var v = Validator()
        let person = v.uuid(input.personId, "personId")
        let enterprise = v.uuid(input.enterpriseId, "enterpriseId")
        let dateField = v.date(input.occurredOn, "occurredOn")
        let kind = ViolationKind(rawValue: input.kind).flatMap { $0.isViolation ? $0 : nil }
        if kind == nil {
            v.add("kind", "invalid_kind", zh: "类别须为：" + ViolationKind.allCases.filter(\.isViolation).map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: "、"),
                  en: "one of " + ViolationKind.allCases.filter(\.isViolation).map(\.rawValue).joined(separator: ", "))
        }
        let place = v.text(input.place ?? "", "place", max: 200, required: false) ?? ""
        let description = v.text(input.description ?? "", "description", max: 2_000, required: false, multiline: true) ?? ""
        let evidence = v.text(input.evidence ?? "", "evidence", max: 500, required: false) ?? ""
        let supersedes = v.uuid(input.supersedes, "supersedes")
        if let date = dateField, date > today { v.add("occurredOn", "in_future", zh: "违章日期不能晚于今天", en: "must not be in the future") }
        let date = try v.finish(dateField)
        guard let person, let enterprise, let kind else { throw ServiceError.internal }
        let scope = ScopeFilter(call.principal.scope)
        let foundBy = call.principal.role == .enterprise ? "enterprise" : "regulator"
        let rules = self.rules
        let now = today
        return try await db.write(call) { conn, audit in
            guard try EnterpriseRepository(conn).find(id: enterprise, scope: scope) != nil else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = ViolationRepository(conn)
            // R-EMP-1: the host enterprise's own staff, whatever the employment type.
            guard try repo.employs(enterprise: enterprise, person: person, on: date) else {
                throw ServiceError.validation([FieldError(field: "personId", code: "not_employed", message: LocalizedText(
                    zh: "违章日期该人员不在该单位任职（含劳务派遣、灵活用工、外包人员）", en: "not employed by the enterprise on that date"))])
            }
            var carriedHours: (caseID: UUID, reinstated: Bool)?
            if let old = supersedes {
                guard let previous = try repo.violationForUpdate(old, scope: scope) else { throw ServiceError.notFound(entity: "violation") }
                guard !previous.superseded else {
                    throw ServiceError.conflict(code: "already_superseded", field: "supersedes", message: LocalizedText(
                        zh: "该记录已被更正，请更正最新的记录", en: "that record was corrected already; correct the latest one"))
                }
                guard previous.personID == person else {
                    throw ServiceError.validation([FieldError(field: "personId", code: "different_person", message: LocalizedText(
                        zh: "更正记录须为同一人员；记错了人请另行登记并更正原记录", en: "a correction is for the same person"))])
                }
                if let c = previous.caseID, let row = try repo.find(case: c, scope: ScopeFilter(.all), forUpdate: true) {
                    carriedHours = (c, row.status == "reinstated")
                    if row.status == "open" { try repo.voidCase(c, on: now, by: audit.actor.name) }
                }
            }
            let earlier = try repo.standingDates(person: person, excluding: supersedes)
            let id = try repo.insert(NewViolation(personID: person, enterpriseID: enterprise, occurredOn: date, kind: kind, place: place,
                                                  description: description, foundBy: foundBy, evidence: evidence, supersedes: supersedes,
                                                  recordedBy: audit.actor.name))
            var caseID: UUID
            if let carried = carriedHours, carried.reinstated {
                // The person already returned to post on the original record: the correction changes the facts, not that.
                caseID = carried.caseID
            } else {
                caseID = try repo.openCase(violation: id, person: person, enterprise: enterprise, on: date,
                                           hours: rules.requiredHours(on: date, earlier: earlier))
                if let carried = carriedHours { try repo.copyHours(from: carried.caseID, to: caseID) }
            }
            try audit.record(action: supersedes == nil ? "violation.recorded" : "violation.corrected", entityType: "violation",
                             entityID: id.uuidString.lowercased(), change: [
                                "person": .string(person.uuidString.lowercased()), "enterprise": .string(enterprise.uuidString.lowercased()),
                                "occurredOn": .string(date.description), "kind": .string(kind.rawValue), "case": .string(caseID.uuidString.lowercased()),
                                "supersedes": supersedes.map { .string($0.uuidString.lowercased()) } ?? .null,
                             ])
            guard let row = try repo.find(case: caseID, scope: ScopeFilter(.all)) else { throw ServiceError.internal }
            return Self.view(row, rules: rules, on: now)
        }
    }

    static func view(_ r: CaseRow, rules: RetrainingRules, on date: CivilDate) -> CaseView {
        let missing = r.status == "open"
            ? rules.missing(requiredHours: r.requiredHours, recordedHours: r.recordedHours, violationOn: r.occurredOn, passedExams: r.passedExams)
            : []
        return CaseView(
            id: r.id.uuidString.lowercased(), violationId: r.violationId.uuidString.lowercased(), personId: r.personId.uuidString.lowercased(),
            personName: r.personName, enterpriseId: r.enterpriseId.uuidString.lowercased(), enterpriseName: r.enterpriseName, kind: r.kind,
            kindLabel: ViolationKind(rawValue: r.kind)?.label.zh ?? r.kind, occurredOn: r.occurredOn.description, place: r.place,
            description: r.description, foundBy: r.foundBy, evidence: r.evidence, openedOn: r.openedOn.description,
            requiredHours: r.requiredHours, recordedHours: r.recordedHours, status: r.status, closedOn: r.closedOn?.description,
            passedExams: r.passedExams.map(\.description), missing: missing.map(\.message.zh),
            overdue: r.status == "open" && rules.isOverdue(openedOn: r.openedOn, on: date))
    }
}
