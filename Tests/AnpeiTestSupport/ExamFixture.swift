import AnpeiDomain
import AnpeiService
import AnpeiStore
import Foundation

/// A small national bank (ten true/false statements, distinct enough for the
/// lint) and a special-operations theory blueprint of 10 × 10 points, for
/// tests that need an exam result (R-CERT-5).
public enum ExamFixture {
    static let statements = [
        ("特种作业人员必须经专门的安全技术培训并考核合格，取得特种作业操作证后方可上岗作业。", true),
        ("特种作业操作证有效期为十年，期满前无需复审。", false),
        ("离开特种作业岗位六个月以上的，应当重新进行实际操作考试。", true),
        ("生产经营单位可以使用未取得操作证的人员从事电焊作业。", false),
        ("复审前应当参加不少于八个学时的安全培训并考试合格。", true),
        ("伪造特种作业操作证的，由考核发证机关撤销其证书。", true),
        ("考试不及格的，不允许补考。", false),
        ("特种作业操作证在全国范围内有效。", true),
        ("跨省从业的特种作业人员可以在从业所在地参加复审。", true),
        ("操作证遗失的，无需申请补发即可继续作业。", false),
    ]

    public static let bank = QuestionBank(
        id: "fixture-review", title: "测试复审题库", version: 1, scope: .init(kind: "general"),
        knowledgePoints: [.init(id: "cert", title: "操作证")],
        questions: statements.enumerated().map { i, s in
            Question(id: "fx-\(i + 1)", type: .trueFalse, stem: s.0, answer: .truth(s.1), explanation: "依据MEM-30。", difficulty: 2,
                     knowledgePoints: ["cert"], source: .init(law: "《特种作业人员安全技术培训考核管理规定》"))
        })

    public static let blueprint = BlueprintView(
        id: "fixture-review-theory", title: "测试复审理论考试", kind: "special_operations_theory", bank: "fixture-review",
        sections: [.init(type: "true_false", count: 10, points: 10)])

    public static func install(_ services: Services, _ admin: CallContext) async throws {
        _ = try await services.banks.importBank(admin, bank)
        _ = try await services.blueprints.save(admin, blueprint)
    }

    /// A passed paper exam for a certificate's review, dated `date`.
    public static func paperPass(_ services: Services, _ admin: CallContext, personID: String, certificateID: String, date: String,
                                 score: Double = 90) async throws {
        try await install(services, admin)
        _ = try await services.exams.recordPaperResults(admin, .init(
            blueprintId: blueprint.id, purpose: "certificate_review", date: date,
            rows: [.init(personId: personID, subjectId: certificateID, score: score)]))
    }
}

extension ExamFixture {
    /// A passed paper exam for the certificate's review on `date` (the exam on the same day).
    public static func passFor(_ services: Services, _ admin: CallContext, certificate id: UUID, date: String) async throws {
        let cert = try await services.certificates.get(admin, id: id)
        try await paperPass(services, admin, personID: cert.certificate.personId, certificateID: id.uuidString.lowercased(), date: date)
    }
}
