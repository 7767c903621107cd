import AnpeiDomain
import AnpeiStore
import Foundation

extension InstitutionService {
    /// Records a conformity decision (from a status change or an inspection)
    /// after R-INST-2's checks, then re-judges the institution's completed
    /// sessions, since a decision may take effect on an earlier date.
    static func decide(_ conn: PGConnection, _ before: InstitutionRecord, status: InstitutionStatus, deadline: CivilDate?,
                       effective: CivilDate, note: String, today: CivilDate) throws {
        let history = before.history
        if let refusal = InstitutionStanding.refusal(adding: status, effective: effective, history: history) {
            if status == .pendingInspection {
                throw ServiceError.validation([FieldError(field: "status", code: "invalid_transition", message: refusal)])
            }
            throw ServiceError.conflict(code: "institution_cleared_out", field: "status", message: refusal)
        }
        guard let id = UUID(uuidString: before.id) else { throw ServiceError.notFound(entity: "institution") }
        let repo = InstitutionRepository(conn)
        try repo.setStatus(id: id, status: status, deadline: deadline, effective: effective, note: note)
        let after = try written(repo.find(id: id, scope: ScopeFilter(.all), today: today))
        try CompletionStanding.recount(conn, institution: id, history: after.history)
    }
}
