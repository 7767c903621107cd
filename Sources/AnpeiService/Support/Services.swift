@_exported import AnpeiWire
import AnpeiStore
import Logging

/// Every use case, wired to one pool and one configuration. HTTP handlers and
/// CLI commands both go through this and nothing else.
public final class Services: Sendable {
    public let pool: PGPool
    public let config: ServiceConfig
    public let hashing: HashingPool
    public let auth: AuthService
    public let users: UserService
    public let audit: AuditService
    public let enterprises: EnterpriseService
    public let people: PersonService
    public let institutions: InstitutionService
    public let reference: ReferenceService
    public let imports: ImportService
    public let certificates: CertificateService
    public let training: TrainingService
    public let banks: BankService
    public let blueprints: BlueprintService
    public let exams: ExamService
    public let violations: ViolationService
    public let inspections: InspectionService
    public let ledger: LedgerService
    public let safetyReports: SafetyReportService
    public let drills: DrillService

    public init(pool: PGPool, config: ServiceConfig = ServiceConfig()) throws {
        self.pool = pool
        self.config = config
        self.hashing = HashingPool(hasher: PasswordHasher(parameters: config.hashParameters))
        let db = UnitOfWork(pool: pool)
        self.auth = try AuthService(db: db, hashing: hashing, config: config)
        self.users = UserService(db: db, hashing: hashing, config: config)
        self.audit = AuditService(db: db, config: config)
        self.enterprises = EnterpriseService(db: db, config: config)
        // One budget of refused document registrations per user, for the
        // single-record endpoint and the import alike (issue 9 §1).
        let refusals = TokenBuckets(capacity: 10, perHour: 10)
        self.people = PersonService(db: db, config: config, refusals: refusals)
        self.institutions = InstitutionService(db: db, config: config)
        self.reference = ReferenceService(db: db)
        let gate = ImportGate()
        self.imports = ImportService(db: db, config: config, gate: gate, refusals: refusals)
        self.certificates = CertificateService(db: db, config: config)
        self.training = TrainingService(db: db, config: config, gate: gate)
        self.banks = BankService(db: db, config: config)
        self.blueprints = BlueprintService(db: db, config: config)
        self.exams = ExamService(db: db, config: config, banks: BankCache())
        self.violations = ViolationService(db: db, config: config)
        self.inspections = InspectionService(db: db, config: config)
        self.ledger = LedgerService(db: db, config: config, gate: gate)
        self.safetyReports = SafetyReportService(db: db, config: config)
        self.drills = DrillService(db: db, config: config)
    }

    /// True when the database answers a trivial query.
    public func databaseReady() async -> Bool {
        do {
            return try await pool.withConnection { conn in
                try conn.query("SELECT 1 AS ok").first?.decode("ok", as: Int.self) == 1
            }
        } catch {
            return false
        }
    }

    public func shutdown() async {
        await hashing.shutdown()
        await pool.shutdown()
    }
}
