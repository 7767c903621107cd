import AnpeiDomain
import AnpeiStore
import Foundation

/// R-CERT-11: a management-competence certificate is issued (and re-examined)
/// on a passed exam. When the exam was taken in anpei, the record names the
/// attempt, and the attempt must be a passed management-competence exam of the
/// same person, for this certificate (re-examinations), taken on or before the
/// date and within the 12 months before it, with the same score.
enum ManagementExamEvidence {
    static func check(_ conn: PGConnection, attemptID raw: String?, personID: UUID, certificate: UUID?, date: CivilDate, score: Int) throws {
        guard let raw else { return }
        func refuse(_ code: String, zh: String, en: String) -> ServiceError {
            .validation([FieldError(field: "examAttemptId", code: code, message: LocalizedText(zh: zh, en: en))])
        }
        guard let id = UUID(uuidString: raw), let o = try AttemptRepository(conn).outcome(id: id), o.personID == personID else {
            throw refuse("unknown_attempt", zh: "考试记录不存在或不属于该持证人", en: "no such exam attempt for this person")
        }
        guard o.purpose == "management_certificate", o.kind == Blueprint.Kind.managementCompetence.rawValue,
              certificate == nil || o.subjectID == certificate else {
            throw refuse("wrong_exam", zh: "须为安全生产知识和管理能力考核（本证书）的考试记录", en: "not a management competence exam for this certificate")
        }
        guard o.passed == true else { throw refuse("exam_not_passed", zh: "该次考试未通过（R-CERT-11）", en: "that exam was not passed (R-CERT-11)") }
        guard o.examDate <= date, o.examDate > date.adding(months: -12) else {
            throw refuse("exam_out_of_date", zh: "考试日期须在发证（再考核）日期前12个月内", en: "the exam must fall within the 12 months before the date")
        }
        guard Int((o.score ?? -1).rounded()) == score else {
            throw refuse("score_mismatch", zh: "成绩须与考试记录一致（\(Int((o.score ?? 0).rounded()))分）", en: "the score must be the attempt's")
        }
    }
}
