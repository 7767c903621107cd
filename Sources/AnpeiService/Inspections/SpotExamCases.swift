import AnpeiDomain
import AnpeiStore
import Foundation

/// R-3V-3: a failed spot exam opens a retraining case exactly like a violation,
/// in the transaction that grades it.
enum SpotExamCases {
    static func openIfFailed(_ conn: PGConnection, personID: UUID, purpose: String, subject: UUID?, attemptID: UUID, passed: Bool,
                             examDate: CivilDate, by: String, rules: RetrainingRules = .defaults) throws -> UUID? {
        guard purpose == "spot_check", !passed, let subject,
              let inspection = try InspectionRepository(conn).find(id: subject, scope: ScopeFilter(.all)) else { return nil }
        let repo = ViolationRepository(conn)
        let earlier = try repo.standingDates(person: personID, excluding: nil)
        let violation = try repo.insert(NewViolation(
            personID: personID, enterpriseID: inspection.enterpriseId, occurredOn: examDate, kind: .spotExamFailed, place: "",
            description: "逢查必考未通过（检查 \(inspection.inspectedOn)，\(inspection.inspector)）", foundBy: "regulator", evidence: "",
            supersedes: nil, recordedBy: by, inspectionID: subject, attemptID: attemptID))
        return try repo.openCase(violation: violation, person: personID, enterprise: inspection.enterpriseId, on: examDate,
                                 hours: rules.requiredHours(on: examDate, earlier: earlier))
    }

    /// The subject check for `spot_check`: the inspection exists and the person
    /// works for the inspected enterprise on its day (R-EMP-1: the host's staff).
    static func check(_ conn: PGConnection, inspection id: UUID, personID: UUID) throws {
        guard let inspection = try InspectionRepository(conn).find(id: id, scope: ScopeFilter(.all)) else {
            throw ServiceError.notFound(entity: "inspection")
        }
        guard try ViolationRepository(conn).employs(enterprise: inspection.enterpriseId, person: personID, on: inspection.inspectedOn) else {
            throw ServiceError.validation([FieldError(field: "personId", code: "not_employed", message: LocalizedText(
                zh: "检查当日该人员不在被检查单位任职", en: "not employed by the inspected enterprise on that day"))])
        }
    }
}
