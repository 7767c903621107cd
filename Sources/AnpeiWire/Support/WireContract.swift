import AnpeiDomain

/// One operation of the API with the bodies it takes and answers.
public struct WireOperation {
    public let method: String
    public let path: String
    public let request: (any Decodable.Type)?
    public let responses: [Int: any Decodable.Type]

    public init(_ method: String, _ path: String, request: (any Decodable.Type)? = nil, _ responses: [Int: any Decodable.Type]) {
        self.method = method
        self.path = path
        self.request = request
        self.responses = responses
    }
}

/// The contract as Swift sees it: every named schema of openapi.yaml and every
/// operation's bodies. A test compares both with the document, both ways, so
/// neither drifts from the other.
public enum WireContract {
    /// Named schemas. Primitive aliases map to the Swift scalar that carries them.
    public static var schemas: [String: any Decodable.Type] {
        [
            // Scalars with rules (pattern, range) the service enforces.
            "Year": Int.self, "Date": String.self, "OptionalDate": String?.self, "QueryText": String.self, "Text": String.self,
            "OptionalText": String.self, "FreeText": String.self, "RegionCode": String.self,
            // Vocabularies.
            "Role": Role.self, "EmploymentRole": EmploymentRole.self, "EmploymentType": EmploymentType.self,
            "InstitutionStatus": InstitutionStatus.self, "TrainingModule": TrainingModule.self,
            // Accounts.
            "LoginRequest": LoginRequest.self, "LoginResponse": LoginResponse.self, "PasswordChange": PasswordChange.self,
            "PasswordReset": PasswordReset.self, "User": User.self, "UserPage": Page<User>.self, "UserCreate": UserCreate.self,
            "UserUpdate": UserUpdate.self,
            // Registry.
            "Region": Region.self, "Sector": Sector.self, "CatalogueItem": CatalogueItem.self, "Area": Area.self,
            "EnterpriseInput": EnterpriseInput.self, "EnterprisePatch": EnterprisePatch.self, "Enterprise": Enterprise.self,
            "EnterprisePage": Page<Enterprise>.self, "EmploymentInput": EmploymentInput.self, "EmploymentPatch": EmploymentPatch.self,
            "Employment": Employment.self, "PersonCreate": PersonCreate.self, "PersonPatch": PersonPatch.self, "Person": Person.self,
            "PersonPage": Page<Person>.self, "InstitutionInput": InstitutionInput.self, "InstitutionPatch": InstitutionPatch.self,
            "InstitutionStatusChange": InstitutionStatusChange.self, "InspectionInput": InspectionInput.self, "UncountedCompletion": UncountedCompletion.self,
            "SupervisoryStaffInput": SupervisoryStaffInput.self, "SupervisoryStaff": SupervisoryStaff.self,
            "SupervisoryCoverage": SupervisoryCoverage.self,
            "Institution": Institution.self, "InstitutionPage": Page<Institution>.self,
            // Import.
            "ImportReport": ImportReport.self,
            // Certificates.
            "CertificateInput": CertificateInput.self, "Certificate": Certificate.self, "StatusReason": StatusView.Reason.self,
            "StatusView": StatusView.self, "CertificateView": CertificateView.self, "ReviewInput": ReviewInput.self,
            "CertificateEnd": CertificateEnd.self, "ExtensionConsent": ExtensionConsent.self, "PracticalExamInput": PracticalExamInput.self,
            "NationalRegistrationInput": NationalRegistrationInput.self, "RuleSetInput": RuleSetInput.self, "RuleSetView": RuleSetView.self, "WorkCheck": WorkCheck.self, "StaffCertificateRow": StaffCertificateRow.self,
            "StaffCertificatePage": Page<StaffCertificateRow>.self, "UnlicensedWorker": UnlicensedWorker.self,
            "CertificateReport": CertificateReport.self, "ReportPerson": ReportPerson.self,
            "PublicVerification": PublicVerification.self, "SignedVerification": SignedVerification.self,
            "VerificationKey": VerificationKeyDocument.self, "ManagementCertificateInput": ManagementCertificateInput.self,
            "ManagementCertificate": ManagementCertificateDetails.self, "Reexamination": Reexamination.self,
            "ManagementCertificateView": ManagementCertificateView.self,
            // Training.
            "WaveInput": WaveInput.self, "Wave": Wave.self, "PlanLoadReport": PlanLoadReport.self, "SessionInput": SessionInput.self,
            "Session": Session.self, "SessionStatusChange": SessionStatusChange.self, "EnrollInput": EnrollInput.self,
            "RosterEntry": RosterEntry.self, "AttendanceInput": AttendanceInput.self,
            "EnrollmentImportReport": EnrollmentImportReport.self, "CoverageFigures": CoverageFigures.self,
            "Coverage": CoverageReport.self, "MissingPerson": MissingPerson.self, "EnterpriseTrainingRow": EnterpriseTrainingRow.self,
            "CompletionRecord": CompletionRecord.self,
            // Exams.
            "KnowledgePoint": QuestionBank.KnowledgePoint.self, "QuestionSource": Question.Source.self, "Question": Question.self,
            "BankScope": QuestionBank.Scope.self, "QuestionBank": QuestionBank.self, "BankSummary": BankSummary.self,
            "BankImportResult": BankImportResult.self, "BlueprintSection": BlueprintView.Section.self, "BlueprintQuota": BlueprintView.Quota.self,
            "BlueprintDifficulty": BlueprintView.Difficulty.self, "BlueprintView": BlueprintView.self, "AttemptStart": AttemptStart.self,
            "AttemptCodeStart": AttemptCodeStart.self, "AttemptOption": AttemptView.Option.self, "AttemptItem": AttemptView.Item.self,
            "AttemptView": AttemptView.self, "Answer": AnswerInput.Answer.self, "AnswerInput": AnswerInput.self,
            "PaperResultRow": PaperResultInput.Row.self, "PaperResultInput": PaperResultInput.self, "PaperResultOutcome": PaperResultOutcome.self,
            "AttemptCodeRequest": AttemptCodeRequest.self, "AttemptCode": AttemptCodes.Code.self, "AttemptCodes": AttemptCodes.self,
            "ItemStats": ExamStats.Item.self, "ExamStats": ExamStats.self, "FraudSignal": FraudSignal.self,
            // Violations.
            "ViolationInput": ViolationInput.self, "RetrainingHoursInput": RetrainingHoursInput.self, "ReinstateInput": ReinstateInput.self,
            "CaseView": CaseView.self, "SafetyInspectionInput": SafetyInspectionInput.self, "SafetyInspectionView": SafetyInspectionView.self,
            "SpotExamRow": SpotExamReport.Row.self, "SpotExamReport": SpotExamReport.self,
            // The training-hours ledger and the 三违 reports.
            "TrainingEventInput": TrainingEventInput.self, "TrainingEventView": TrainingEventView.self, "LedgerImportReport": LedgerImportReport.self,
            "WorkerHoursShortfall": WorkerHours.Shortfall.self, "WorkerHours": WorkerHours.self,
            "RepeatViolator": EnterpriseSafetyReport.RepeatViolator.self, "EnterpriseSafetyReport": EnterpriseSafetyReport.self,
            "SafetySummaryRow": SafetySummary.Row.self, "SafetySummary": SafetySummary.self, "SafetySummaryPerson": SafetySummaryPerson.self,
            "InjuryPreventionFigures": InjuryPreventionCoverage.Figures.self, "InjuryPreventionArea": InjuryPreventionCoverage.Area.self,
            "InjuryPreventionCoverage": InjuryPreventionCoverage.self,
            // Drills.
            "DrillRuleView": DrillRuleView.self, "DrillAreaEntry": DrillInput.AreaEntry.self, "DrillInput": DrillInput.self,
            "DrillAreaRow": DrillView.AreaRow.self, "DrillView": DrillView.self, "DrillSlot": DrillScheduleView.Slot.self,
            "DrillScheduleView": DrillScheduleView.self,
            // Health and errors.
            "Status": Status.self, "Problem": Problem.self,
        ]
    }

    /// Schemas that are deliberately not one Swift type: `Extra` documents what
    /// unnamed request fields may hold (anything without control characters).
    public static let untypedSchemas: Set<String> = ["Extra"]

    /// Every operation with its JSON bodies; CSV, YAML and empty bodies are not listed.
    public static var operations: [WireOperation] {
        let p = Problem.self
        // The problems every authenticated operation may answer.
        let auth: [Int: any Decodable.Type] = [401: p, 422: p]
        let write: [Int: any Decodable.Type] = [400: p, 401: p, 413: p, 422: p]
        func merge(_ a: [Int: any Decodable.Type], _ b: [Int: any Decodable.Type]) -> [Int: any Decodable.Type] {
            a.merging(b) { x, _ in x }
        }
        return [
            WireOperation("GET", "/healthz", [200: Status.self]),
            WireOperation("GET", "/readyz", [200: Status.self, 503: p]),
            WireOperation("GET", "/openapi.yaml", [:]),
            WireOperation("POST", "/v1/auth/login", request: LoginRequest.self,
                          merge(write, [200: LoginResponse.self, 429: p])),
            WireOperation("POST", "/v1/auth/logout", auth),
            WireOperation("GET", "/v1/me", merge(auth, [200: User.self])),
            WireOperation("PUT", "/v1/me/password", request: PasswordChange.self, write),
            WireOperation("GET", "/v1/users", merge(auth, [200: Page<User>.self, 403: p])),
            WireOperation("POST", "/v1/users", request: UserCreate.self, merge(write, [201: User.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/users/{id}", merge(auth, [200: User.self, 403: p, 404: p])),
            WireOperation("PATCH", "/v1/users/{id}", request: UserUpdate.self, merge(write, [200: User.self, 403: p, 404: p])),
            WireOperation("PUT", "/v1/users/{id}/password", request: PasswordReset.self, merge(write, [403: p, 404: p])),
            WireOperation("GET", "/v1/regions", merge(auth, [200: [Region].self])),
            WireOperation("GET", "/v1/sectors", merge(auth, [200: [Sector].self])),
            WireOperation("GET", "/v1/special-operations", merge(auth, [200: [CatalogueItem].self])),
            WireOperation("GET", "/v1/enterprises", merge(auth, [200: Page<Enterprise>.self])),
            WireOperation("POST", "/v1/enterprises", request: EnterpriseInput.self,
                          merge(write, [201: Enterprise.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/enterprises/{id}", merge(auth, [200: Enterprise.self, 404: p])),
            WireOperation("PATCH", "/v1/enterprises/{id}", request: EnterprisePatch.self,
                          merge(write, [200: Enterprise.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/people", merge(auth, [200: Page<Person>.self])),
            WireOperation("POST", "/v1/people", request: PersonCreate.self, merge(write, [201: Person.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/people/{id}", merge(auth, [200: Person.self, 404: p])),
            WireOperation("PATCH", "/v1/people/{id}", request: PersonPatch.self,
                          merge(write, [200: Person.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/people/{id}/employments", request: EmploymentInput.self,
                          merge(write, [201: Person.self, 403: p, 404: p, 409: p])),
            WireOperation("PATCH", "/v1/employments/{id}", request: EmploymentPatch.self,
                          merge(write, [200: Person.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/institutions", merge(auth, [200: Page<Institution>.self])),
            WireOperation("POST", "/v1/institutions", request: InstitutionInput.self,
                          merge(write, [201: Institution.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/institutions/{id}", merge(auth, [200: Institution.self, 404: p])),
            WireOperation("PATCH", "/v1/institutions/{id}", request: InstitutionPatch.self,
                          merge(write, [200: Institution.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/institutions/{id}/status", request: InstitutionStatusChange.self,
                          merge(write, [200: Institution.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/institutions/{id}/inspections", request: InspectionInput.self,
                          merge(write, [201: Institution.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/imports/{kind}", [200: ImportReport.self, 401: p, 403: p, 404: p, 413: p, 422: p, 429: p]),
            WireOperation("GET", "/v1/imports/templates/{kind}", merge(auth, [404: p])),
            WireOperation("POST", "/v1/certificates", request: CertificateInput.self,
                          merge(write, [201: CertificateView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/certificates/{id}", merge(auth, [200: CertificateView.self, 404: p])),
            WireOperation("POST", "/v1/certificates/{id}/reviews", request: ReviewInput.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p])),
            WireOperation("POST", "/v1/certificates/{id}/extension-consent", request: ExtensionConsent.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p])),
            WireOperation("POST", "/v1/certificates/{id}/practical-exams", request: PracticalExamInput.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p])),
            WireOperation("POST", "/v1/certificates/{id}/national-registration", request: NationalRegistrationInput.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/rule-sets", merge(auth, [200: [RuleSetView].self])),
            WireOperation("POST", "/v1/rule-sets", request: RuleSetInput.self,
                          merge(write, [201: RuleSetView.self, 403: p, 409: p])),
            WireOperation("POST", "/v1/certificates/{id}/revocation", request: CertificateEnd.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/certificates/{id}/cancellation", request: CertificateEnd.self,
                          merge(write, [200: CertificateView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/people/{id}/certificates", merge(auth, [200: [CertificateView].self, 404: p])),
            WireOperation("POST", "/v1/management-certificates", request: ManagementCertificateInput.self,
                          merge(write, [201: ManagementCertificateView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/management-certificates/{id}", merge(auth, [200: ManagementCertificateView.self, 404: p])),
            WireOperation("POST", "/v1/management-certificates/{id}/reexaminations", request: Reexamination.self,
                          merge(write, [200: ManagementCertificateView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/management-certificates/{id}/revocation", request: CertificateEnd.self,
                          merge(write, [200: ManagementCertificateView.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/people/{id}/management-certificates",
                          merge(auth, [200: [ManagementCertificateView].self, 404: p])),
            WireOperation("GET", "/v1/waves", merge(auth, [200: [Wave].self])),
            WireOperation("POST", "/v1/waves", request: WaveInput.self, merge(write, [201: Wave.self, 403: p, 409: p])),
            WireOperation("POST", "/v1/waves/plans", [200: PlanLoadReport.self, 401: p, 403: p, 413: p, 422: p]),
            WireOperation("GET", "/v1/waves/{id}", merge(auth, [200: Wave.self, 404: p])),
            WireOperation("GET", "/v1/sessions", merge(auth, [200: [Session].self])),
            WireOperation("POST", "/v1/sessions", request: SessionInput.self, merge(write, [201: Session.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/sessions/{id}", merge(auth, [200: Session.self, 404: p])),
            WireOperation("POST", "/v1/sessions/{id}/status", request: SessionStatusChange.self,
                          merge(write, [200: Session.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/sessions/{id}/roster", merge(auth, [200: [RosterEntry].self, 403: p, 404: p])),
            WireOperation("POST", "/v1/sessions/{id}/enrollments", request: EnrollInput.self,
                          merge(write, [201: RosterEntry.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/sessions/{id}/enrollments/import",
                          [200: EnrollmentImportReport.self, 401: p, 403: p, 404: p, 413: p, 422: p, 429: p]),
            WireOperation("POST", "/v1/sessions/{id}/attendance", request: AttendanceInput.self,
                          merge(write, [200: [RosterEntry].self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/coverage", merge(auth, [200: CoverageReport.self, 403: p, 404: p])),
            WireOperation("POST", "/v1/supervisory-staff", request: SupervisoryStaffInput.self,
                          merge(write, [201: SupervisoryStaff.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/reports/supervisory-training", merge(auth, [200: SupervisoryCoverage.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/reports/uncounted-completions", merge(auth, [200: [UncountedCompletion].self, 403: p, 404: p])),
            WireOperation("GET", "/v1/coverage/missing", merge(auth, [200: [MissingPerson].self, 403: p, 404: p])),
            WireOperation("GET", "/v1/enterprises/{id}/training", merge(auth, [200: [EnterpriseTrainingRow].self, 404: p])),
            WireOperation("GET", "/v1/public/training-records/{code}", [200: CompletionRecord.self, 404: p, 422: p, 429: p]),
            WireOperation("GET", "/v1/work-check", merge(auth, [200: WorkCheck.self, 404: p])),
            WireOperation("GET", "/.well-known/anpei-verification-key", [200: VerificationKeyDocument.self]),
            WireOperation("GET", "/v1/public/certificates/verify", [200: PublicVerification.self, 404: p, 422: p, 429: p]),
            WireOperation("GET", "/v1/certificates/{id}/verification", merge(auth, [200: SignedVerification.self, 404: p])),
            WireOperation("GET", "/v1/enterprises/{id}/certificates", merge(auth, [200: Page<StaffCertificateRow>.self, 404: p])),
            WireOperation("GET", "/v1/enterprises/{id}/unlicensed", merge(auth, [200: [UnlicensedWorker].self, 404: p])),
            WireOperation("GET", "/v1/reports/certificates", merge(auth, [200: CertificateReport.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/reports/certificates/people", merge(auth, [200: [ReportPerson].self, 403: p, 404: p])),
            // Exams (issue 12).
            WireOperation("GET", "/v1/banks", merge(auth, [200: [BankSummary].self])),
            WireOperation("POST", "/v1/banks", request: QuestionBank.self,
                          merge(write, [201: BankImportResult.self, 200: BankImportResult.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/banks/{id}", merge(auth, [200: QuestionBank.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/banks/{id}/stats", merge(auth, [200: ExamStats.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/blueprints", merge(auth, [200: [BlueprintView].self])),
            WireOperation("POST", "/v1/blueprints", request: BlueprintView.self,
                          merge(write, [201: BlueprintView.self, 200: BlueprintView.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/blueprints/{id}", merge(auth, [200: BlueprintView.self, 404: p])),
            WireOperation("GET", "/v1/exam-attempts", merge(auth, [200: [AttemptView].self])),
            WireOperation("POST", "/v1/exam-attempts", request: AttemptStart.self,
                          merge(write, [201: AttemptView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/exam-attempts/{id}", merge(auth, [200: AttemptView.self, 404: p])),
            WireOperation("PUT", "/v1/exam-attempts/{id}/answers", request: AnswerInput.self,
                          merge(write, [200: AttemptView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/exam-attempts/{id}/submission", merge(auth, [200: AttemptView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/exam-attempts/by-code", request: AttemptCodeStart.self,
                          [201: AttemptView.self, 400: p, 403: p, 404: p, 409: p, 413: p, 422: p, 429: p]),
            WireOperation("GET", "/v1/proctored-attempts/{id}", [200: AttemptView.self, 401: p, 404: p, 422: p, 429: p]),
            WireOperation("PUT", "/v1/proctored-attempts/{id}/answers", request: AnswerInput.self,
                          [200: AttemptView.self, 400: p, 401: p, 404: p, 409: p, 413: p, 422: p, 429: p]),
            WireOperation("POST", "/v1/proctored-attempts/{id}/submission", [200: AttemptView.self, 401: p, 404: p, 409: p, 422: p, 429: p]),
            WireOperation("POST", "/v1/exam-results", request: PaperResultInput.self,
                          merge(write, [201: PaperResultOutcome.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/exam-codes", request: AttemptCodeRequest.self,
                          merge(write, [201: AttemptCodes.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/exam-reports/fraud", merge(auth, [200: [FraudSignal].self, 403: p])),
            // Violations and retraining cases (issue 13).
            WireOperation("POST", "/v1/violations", request: ViolationInput.self, merge(write, [201: CaseView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/retraining-cases", merge(auth, [200: [CaseView].self])),
            WireOperation("GET", "/v1/retraining-cases/{id}", merge(auth, [200: CaseView.self, 404: p])),
            WireOperation("POST", "/v1/retraining-cases/{id}/hours", request: RetrainingHoursInput.self,
                          merge(write, [200: CaseView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/retraining-cases/{id}/reinstatement", request: ReinstateInput.self,
                          merge(write, [200: CaseView.self, 403: p, 404: p, 409: p])),
            WireOperation("POST", "/v1/inspections", request: SafetyInspectionInput.self, merge(write, [201: SafetyInspectionView.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/inspections/{id}", merge(auth, [200: SafetyInspectionView.self, 404: p])),
            WireOperation("GET", "/v1/reports/spot-exams", merge(auth, [200: SpotExamReport.self, 403: p, 404: p])),
            WireOperation("POST", "/v1/training-events", request: TrainingEventInput.self,
                          merge(write, [201: TrainingEventView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/training-events", merge(auth, [200: [TrainingEventView].self, 403: p])),
            WireOperation("GET", "/v1/training-events/{id}", merge(auth, [200: TrainingEventView.self, 404: p])),
            WireOperation("POST", "/v1/enterprises/{id}/training-events/import",
                          [200: LedgerImportReport.self, 401: p, 403: p, 404: p, 413: p, 422: p, 429: p]),
            WireOperation("GET", "/v1/enterprises/{id}/training-hours", merge(auth, [200: [WorkerHours].self, 403: p, 404: p])),
            WireOperation("GET", "/v1/enterprises/{id}/safety-report", merge(auth, [200: EnterpriseSafetyReport.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/reports/safety", merge(auth, [200: SafetySummary.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/reports/safety/people", merge(auth, [200: [SafetySummaryPerson].self, 403: p, 404: p])),
            WireOperation("GET", "/v1/reports/injury-prevention", merge(auth, [200: InjuryPreventionCoverage.self, 403: p, 404: p])),
            // Drills (issue 14).
            WireOperation("GET", "/v1/drill-rules", merge(auth, [200: [DrillRuleView].self])),
            WireOperation("POST", "/v1/drill-rules", request: DrillRuleView.self, merge(write, [201: DrillRuleView.self, 403: p, 409: p])),
            WireOperation("GET", "/v1/drill-rules/applicable", merge(auth, [200: DrillRuleView.self, 404: p])),
            WireOperation("POST", "/v1/drills", request: DrillInput.self, merge(write, [201: DrillView.self, 403: p, 404: p])),
            WireOperation("GET", "/v1/drills", merge(auth, [200: [DrillView].self])),
            WireOperation("GET", "/v1/drills/{id}", merge(auth, [200: DrillView.self, 404: p])),
            WireOperation("POST", "/v1/drills/{id}/record", request: DrillInput.self, merge(write, [200: DrillView.self, 403: p, 404: p, 409: p])),
            WireOperation("GET", "/v1/enterprises/{id}/drill-schedule", merge(auth, [200: DrillScheduleView.self, 404: p])),
        ]
    }
}
