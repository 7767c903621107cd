import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

/// Exam attempts: start (a paper assembled from the blueprint), save answers,
/// submit, automatic submission at the deadline, results. The server's clock
/// (`config.now`) decides every time limit.
public struct ExamService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    let banks: BankCache

    init(db: UnitOfWork, config: ServiceConfig, banks: BankCache) {
        self.db = db
        self.config = config
        self.banks = banks
    }

    /// Where a request came from, recorded with the attempt (anti-fraud).
    public struct Client: Sendable {
        public var address: String?
        public var userAgent: String?
        public init(address: String?, userAgent: String?) {
            self.address = address
            self.userAgent = userAgent.map { String($0.prefix(300)) }
        }
    }

    /// Who acts on an attempt: a signed-in account, or the device holding the
    /// key a proctor's code gave.
    public enum Access: Sendable {
        case call(CallContext)
        case key(String, requestID: String)
    }

    static func conflict(_ code: String, zh: String, en: String, field: String? = nil) -> ServiceError {
        .conflict(code: code, field: field, message: LocalizedText(zh: zh, en: en))
    }

    static func keyHash(_ key: String) -> PGBytes { PGBytes(Array(SHA256.hash(data: Data(key.utf8)))) }

    static func randomSecret(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    // MARK: start

    public func start(_ call: CallContext, _ input: AttemptStart, client: Client) async throws -> AttemptView {
        var v = Validator()
        let personInput = v.uuid(input.personId, "personId")
        let subject = v.uuid(input.subjectId, "subjectId")
        if !AttemptRules.purposes.contains(input.purpose) {
            v.add("purpose", "invalid_purpose", zh: "用途须为：" + AttemptRules.purposes.joined(separator: "、"),
                  en: "one of " + AttemptRules.purposes.joined(separator: ", "))
        }
        try v.finish()
        let personID: UUID
        var proctor: UUID?
        switch call.principal.scope {
        case .person(let me):
            guard let mine = UUID(uuidString: me), personInput == nil || personInput == mine else { throw ServiceError.forbidden }
            personID = mine
        case .all:
            guard let personInput else { throw ServiceError.validation([Self.required("personId")]) }
            personID = personInput
        case .institution(let id):
            guard let personInput, let inst = UUID(uuidString: id) else { throw ServiceError.validation([Self.required("personId")]) }
            personID = personInput
            proctor = inst
        case .region:
            // R-3V-3: an inspector examines workers of an inspection in their region, on their device.
            guard call.principal.role == .regulator, input.purpose == "spot_check" else { throw ServiceError.forbidden }
            guard let personInput else { throw ServiceError.validation([Self.required("personId")]) }
            guard let inspection = subject, try await db.read({ conn in
                try InspectionRepository(conn).find(id: inspection, scope: ScopeFilter(call.principal.scope)) != nil
            }) else { throw ServiceError.notFound(entity: "inspection") }
            personID = personInput
        default: throw ServiceError.forbidden
        }
        let proctorID = proctor
        let (view, uids) = try await db.write(call) { conn, audit in
            try self.open(conn, audit, personID: personID, blueprintID: input.blueprintId, purpose: input.purpose, subject: subject,
                          proctor: proctorID, client: client, startedBy: call.principal.username, keyHash: nil,
                          workerCaller: call.principal.role == .worker)
        }
        try await countUse(uids)
        return view
    }

    /// A certificate's exams count per review cycle: those before its latest review served that review.
    /// A pass older than 12 months no longer counts either (R-CERT-9), so a new exam may be taken.
    static func cycleStart(_ conn: PGConnection, purpose: String, subject: UUID?, on date: CivilDate) throws -> CivilDate? {
        guard purpose == "certificate_review", let subject else { return nil }
        let expired = date.adding(months: -12)
        guard let review = try ExamSubjectRepository(conn).lastReview(certificate: subject) else { return expired }
        return max(review, expired)
    }

    /// R-3V-4: failing twice means retraining again; hours recorded after that open a new round of attempts.
    static func retrainingRound(_ conn: PGConnection, purpose: String, subject: UUID?) throws -> Date? {
        guard purpose == "retraining_case", let subject else { return nil }
        return try ViolationRepository(conn).lastRetraining(case: subject)
    }

    static func required(_ field: String) -> FieldError {
        FieldError(field: field, code: "required", message: LocalizedText(zh: "必须填写", en: "required"))
    }

    /// Starts with a proctor's one-time code: the answer carries the attempt key.
    public func start(code: String, requestID: String, client: Client) async throws -> AttemptView {
        let hash = Self.keyHash(code.trimmingCharacters(in: .whitespaces).uppercased())
        let key = Self.randomSecret(24)
        let now = config.now()
        var (view, uids) = try await db.anonymousWrite(requestID: requestID) { conn, audit in
            let codes = AttemptCodeRepository(conn)
            guard let row = try codes.take(hash: hash), row.usedAttempt == nil, row.expiresAt > now else {
                throw ServiceError.notFound(entity: "attempt_code")
            }
            let view = try self.open(conn, audit, personID: row.personID, blueprintID: row.blueprintID, purpose: row.purpose,
                                     subject: row.subjectID, proctor: row.institutionID, client: client, startedBy: "code",
                                     keyHash: Self.keyHash(key), workerCaller: false, codeInstitution: row.institutionID)
            try codes.markUsed(hash: hash, attempt: UUID(uuidString: view.0.id)!)
            return view
        }
        try await countUse(uids)
        view.attemptKey = key
        return view
    }

    /// The checks and the paper, inside the caller's transaction.
    func open(_ conn: PGConnection, _ audit: AuditWriter, personID: UUID, blueprintID: String, purpose: String, subject: UUID?,
              proctor: UUID?, client: Client, startedBy: String, keyHash: PGBytes?, workerCaller: Bool,
              codeInstitution: UUID? = nil) throws -> (AttemptView, [Int64]) {
        guard let row = try BlueprintRepository(conn).find(id: blueprintID) else {
            throw ServiceError.validation([FieldError(field: "blueprintId", code: "unknown_blueprint", message: LocalizedText(zh: "试卷蓝图不存在", en: "no such blueprint"))])
        }
        let blueprint = row.blueprint
        // An institution's blueprint is its own: workers reach it only through its proctor's code.
        if let owner = row.institutionID, owner != proctor, owner != codeInstitution {
            throw ServiceError.validation([FieldError(field: "blueprintId", code: "unknown_blueprint", message: LocalizedText(zh: "试卷蓝图不存在", en: "no such blueprint"))])
        }
        let name = try checkSubject(conn, personID: personID, purpose: purpose, subject: subject, blueprint: blueprint, proctor: proctor)
        let attempts = AttemptRepository(conn)
        switch AttemptRules.mayStart(earlier: try attempts.earlier(personID: personID, blueprintID: blueprint.id, purpose: purpose, subjectID: subject,
                                                                   since: try Self.cycleStart(conn, purpose: purpose, subject: subject,
                                                                                             on: CivilDate.today(at: config.now())),
                                                                   startedAfter: try Self.retrainingRound(conn, purpose: purpose, subject: subject)),
                                     retakes: blueprint.retakes) {
        case .active: throw Self.conflict("attempt_active", zh: "该考生已有进行中的本场考试，请继续作答或交卷", en: "an attempt is already open")
        case .alreadyPassed: throw Self.conflict("already_passed", zh: "该考生已通过本场考试", en: "already passed")
        case .retrainingRequired(let failed):
            throw Self.conflict("retraining_required", zh: "已考试\(failed)次未通过（含补考\(blueprint.retakes)次），须重新培训后再考（R-CERT-9）",
                                en: "failed \(failed) times including \(blueprint.retakes) retake(s); retraining is required (R-CERT-9)")
        case .start(let number):
            guard let bank = try BankRepository(conn).find(id: blueprint.bank), bank.version > 0 else { throw ServiceError.internal }
            let version = try banks.version(conn, bankID: bank.id, version: bank.version)
            let uids = version.questions.map(\.uid)
            let usage = try BankRepository(conn).usage(uids: uids)
            let pool = version.questions.map { PaperAssembly.Candidate(uid: $0.uid, question: $0.question, uses: usage[$0.uid] ?? 0) }
            var g = SystemRandomNumberGenerator()
            let seed = UInt64.random(in: 0...UInt64.max, using: &g)
            let paper = try Self.assemble(blueprint, pool: pool, titles: version.titles, seed: seed)
            let now = config.now()
            let new = NewAttempt(
                personID: personID, blueprint: blueprint, bankVersion: bank.version, purpose: purpose, subjectID: subject,
                attemptNumber: number, mode: "online", seed: Int64(bitPattern: seed), usageBasis: usage, paper: paper, startedAt: now,
                deadline: AttemptRules.deadline(startedAt: now, minutes: blueprint.timeLimitMinutes), examDate: CivilDate.today(at: now),
                clientAddress: client.address, userAgent: client.userAgent, startedBy: startedBy, institutionID: proctor, keyHash: keyHash)
            let id = try attempts.insert(new)
            // The view from what was just written, not read back.
            let view = try view(conn, AttemptRow(id: id, inserted: new, personName: name),
                                answers: paper.enumerated().map { AnswerRow(position: $0.offset + 1, questionUID: $0.element.uid, points: $0.element.points) })
            // Last before the commit: the audit chain's lock serialises writers
            // from here to the commit, so nothing else runs while it is held.
            try audit.record(action: "exam.started", entityType: "exam_attempt", entityID: id.uuidString.lowercased(), change: [
                "person": .string(personID.uuidString.lowercased()), "blueprint": .string(blueprint.id), "purpose": .string(purpose),
                "attempt": .int(number), "bankVersion": .int(bank.version), "seed": .string(String(seed)),
            ])
            return (view, paper.map(\.uid))
        }
    }

    /// Use counts steer later papers to the least-used questions; a count lost
    /// to a crash between the commit and this statement only weakens that preference.
    func countUse(_ uids: [Int64]) async throws {
        guard !uids.isEmpty else { return }
        try await db.read { conn in try BankRepository(conn).countUse(uids) }
    }

    static func assemble(_ blueprint: Blueprint, pool: [PaperAssembly.Candidate], titles: [String: String], seed: UInt64) throws -> [PaperAssembly.Item] {
        let result: Result<[PaperAssembly.Item], PaperAssembly.Unmet> = Result { () throws(PaperAssembly.Unmet) in
            try PaperAssembly.assemble(blueprint, from: pool, titles: titles, seed: seed)
        }
        switch result {
        case .success(let paper): return paper
        case .failure(let error): throw conflict("blueprint_unsatisfiable", zh: error.message.zh, en: error.message.en, field: "blueprintId")
        }
    }

    /// Returns the candidate's name.
    @discardableResult
    func checkSubject(_ conn: PGConnection, personID: UUID, purpose: String, subject: UUID?, blueprint: Blueprint, proctor: UUID?) throws -> String {
        let subjects = ExamSubjectRepository(conn)
        guard let name = try subjects.personName(personID) else { throw ServiceError.notFound(entity: "person") }
        if let proctor, purpose != "training_session", try !subjects.enrolledWith(institutionID: proctor, personID: personID) {
            throw ServiceError.notFound(entity: "person")
        }
        if let kind = AttemptRules.kind(for: purpose), blueprint.kind != kind {
            throw ServiceError.validation([FieldError(field: "blueprintId", code: "wrong_exam_kind", message: LocalizedText(
                zh: "该用途须使用“\(kind.label.zh)”类试卷蓝图", en: "this purpose takes a \(kind.rawValue) blueprint"))])
        }
        func missing() -> ServiceError { .validation([Self.required("subjectId")]) }
        switch purpose {
        case "certificate_review":
            guard let subject else { throw missing() }
            guard let item = try subjects.certificateItem(subject, personID: personID) else { throw ServiceError.notFound(entity: "certificate") }
            let bank = try BankRepository(conn).find(id: blueprint.bank)
            if bank?.scopeKind == "special_operation", let bankItem = bank?.scopeItem, bankItem != item {
                throw ServiceError.validation([FieldError(field: "blueprintId", code: "wrong_item", message: LocalizedText(
                    zh: "试卷题库为\(bankItem)作业，证书为\(item)作业", en: "the bank is for item \(bankItem), the certificate for \(item)"))])
            }
        case "management_certificate":
            if let subject, try !subjects.holdsManagementCertificate(subject, personID: personID) {
                throw ServiceError.notFound(entity: "management_certificate")
            }
        case "training_session":
            guard let subject else { throw missing() }
            guard let enrolment = try subjects.enrolment(session: subject, personID: personID),
                  proctor == nil || enrolment.institutionID == proctor else { throw ServiceError.notFound(entity: "training_enrollment") }
            if let wanted = enrolment.blueprintID, wanted != blueprint.id {
                throw ServiceError.validation([FieldError(field: "blueprintId", code: "wrong_blueprint", message: LocalizedText(
                    zh: "该培训班的结业考试使用试卷蓝图 \(wanted)", en: "this session's exam uses blueprint \(wanted)"))])
            }
        case "retraining_case":
            guard let subject else { throw missing() }
            guard let row = try ViolationRepository(conn).find(case: subject, scope: ScopeFilter(.all)), row.personId == personID else {
                throw ServiceError.notFound(entity: "retraining_case")
            }
            guard row.status == "open" else {
                throw ServiceError.conflict(code: "case_closed", field: "subjectId", message: LocalizedText(zh: "该案件已结案", en: "the case is closed"))
            }
        case "spot_check":
            guard let subject else { throw missing() }
            try SpotExamCases.check(conn, inspection: subject, personID: personID)
        default:
            if subject != nil {
                throw ServiceError.validation([FieldError(field: "subjectId", code: "not_allowed", message: LocalizedText(zh: "练习考试不关联对象", en: "practice has no subject"))])
            }
        }
        return name
    }
}
