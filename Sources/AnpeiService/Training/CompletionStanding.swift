import AnpeiDomain
import AnpeiStore
import Foundation

/// R-INST-2: a session's completions count only when its institution could act
/// on the session's start and end dates, judged by the domain from the status
/// history. Re-judged whenever a session completes or the history changes (a
/// clear-out may be recorded after the fact, with an earlier effective date).
enum CompletionStanding {
    /// Why the completions of a session held from `start` to `end` do not count; nil when they do.
    static func reason(start: CivilDate, end: CivilDate, history: [InstitutionStanding.Entry]) -> String? {
        for (day, what) in [(start, "开班日"), (end, "结业日")] where !InstitutionStanding.mayAct(on: day, history: history) {
            let status = InstitutionStanding.entry(on: day, history: history).status
            return "培训机构在\(what) \(day) 为“\(status.label.zh)”，不具备培训条件，结业不计入覆盖率（R-INST-2）"
        }
        return nil
    }

    /// Re-judges every completed session of the institution; returns the
    /// number of completions whose standing changed.
    @discardableResult
    static func recount(_ conn: PGConnection, institution id: UUID, history: [InstitutionStanding.Entry]) throws -> Int {
        let repo = TrainingRepository(conn)
        var changed = 0
        for s in try repo.completedSessions(institution: id) {
            changed += try repo.setUncounted(session: s.id, reason: reason(start: s.start, end: s.end, history: history))
        }
        return changed
    }
}

extension TrainingService {
    /// The uncounted completions of sessions held in the caller's region (or one below it).
    public func uncountedCompletions(_ call: CallContext, region: String?) async throws -> [UncountedCompletion] {
        guard call.principal.role == .admin || call.principal.role == .regulator else { throw ServiceError.forbidden }
        let code = try call.jurisdiction(region)
        return try await db.read { conn in try TrainingRepository(conn).uncountedCompletions(regionPrefix: code.prefix) }.map {
            UncountedCompletion(
                sessionId: $0.sessionID.lowercased, sessionTitle: $0.sessionTitle, institutionId: $0.institutionID.lowercased,
                institutionName: $0.institutionName, waveTitle: $0.waveTitle, personId: $0.personID.lowercased, name: $0.name,
                documentMasked: $0.documentMasked, enterpriseName: $0.enterpriseName, regionCode: $0.regionCode,
                completedOn: $0.completedOn.description, reason: $0.reason)
        }
    }
}
