import AnpeiDomain
import AnpeiWire
import Hummingbird

// Every body the API sends is a wire type (AnpeiWire), encoded as it stands.
extension Page: ResponseEncodable {}
extension User: ResponseEncodable {}
extension LoginResponse: ResponseEncodable {}
extension Status: ResponseEncodable {}
extension Enterprise: ResponseEncodable {}
extension Person: ResponseEncodable {}
extension Institution: ResponseEncodable {}
extension Region: ResponseEncodable {}
extension Sector: ResponseEncodable {}
extension CatalogueItem: ResponseEncodable {}
extension CertificateView: ResponseEncodable {}
extension RuleSetView: ResponseEncodable {}
extension ManagementCertificateView: ResponseEncodable {}
extension WorkCheck: ResponseEncodable {}
extension StaffCertificateRow: ResponseEncodable {}
extension UnlicensedWorker: ResponseEncodable {}
extension CertificateReport: ResponseEncodable {}
extension ReportPerson: ResponseEncodable {}
extension PublicVerification: ResponseEncodable {}
extension SignedVerification: ResponseEncodable {}
extension Wave: ResponseEncodable {}
extension Session: ResponseEncodable {}
extension RosterEntry: ResponseEncodable {}
extension MissingPerson: ResponseEncodable {}
extension UncountedCompletion: ResponseEncodable {}
extension SupervisoryStaff: ResponseEncodable {}
extension SupervisoryCoverage: ResponseEncodable {}
extension CoverageReport: ResponseEncodable {}
extension PlanLoadReport: ResponseEncodable {}
extension EnterpriseTrainingRow: ResponseEncodable {}
extension EnrollmentImportReport: ResponseEncodable {}
extension ImportReport: ResponseEncodable {}
extension CompletionRecord: ResponseEncodable {}
extension VerificationKeyDocument: ResponseEncodable {}
extension BankSummary: ResponseEncodable {}
extension BankImportResult: ResponseEncodable {}
extension QuestionBank: ResponseEncodable {}
extension ExamStats: ResponseEncodable {}
extension BlueprintView: ResponseEncodable {}
extension AttemptView: ResponseEncodable {}
extension PaperResultOutcome: ResponseEncodable {}
extension AttemptCodes: ResponseEncodable {}
extension FraudSignal: ResponseEncodable {}
extension CaseView: ResponseEncodable {}
extension SafetyInspectionView: ResponseEncodable {}
extension SpotExamReport: ResponseEncodable {}
extension TrainingEventView: ResponseEncodable {}
extension LedgerImportReport: ResponseEncodable {}
extension WorkerHours: ResponseEncodable {}
extension EnterpriseSafetyReport: ResponseEncodable {}
extension SafetySummary: ResponseEncodable {}
extension SafetySummaryPerson: ResponseEncodable {}
extension InjuryPreventionCoverage: ResponseEncodable {}
