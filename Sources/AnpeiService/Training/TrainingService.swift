import AnpeiDomain
import AnpeiStore
import Foundation
import Yams

/// Principal-leader training (R-WAVE-*): waves, sessions registered by
/// institutions, enrolment, attendance, completion and coverage.
public struct TrainingService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    /// Enrolment files share the import gate (issue 9 §2).
    let gate: ImportGate

    public init(db: UnitOfWork, config: ServiceConfig, gate: ImportGate = ImportGate()) {
        self.db = db
        self.config = config
        self.gate = gate
    }

    var today: CivilDate { CivilDate.today(at: config.now()) }

    /// A plan file in db/waves: one jurisdiction's waves (R-WAVE-4).
    public struct PlanFile: Codable, Sendable {
        public var plan: String
        public var jurisdiction: String?
        public var source: String?
        /// The file's waves; their jurisdiction and source come from the file.
        public var waves: [WaveInput]

        public static func parse(_ text: String) throws -> PlanFile {
            do {
                return try YAMLDecoder().decode(PlanFile.self, from: text)
            } catch {
                throw ServiceError.validation([FieldError(field: "file", code: "bad_plan_file", message: LocalizedText(
                    zh: "培训计划文件格式错误：\(error)", en: "malformed plan file: \(error)"))])
            }
        }

        public var inputs: [WaveInput] {
            waves.map {
                var wave = $0
                wave.jurisdiction = jurisdiction
                wave.source = [plan, source].compactMap { $0 }.joined(separator: " ")
                return wave
            }
        }
    }

    /// Checks a wave: R-WAVE-2 minimum days and modules, a known sector,
    /// target role, delivery model and jurisdiction. Field names carry the
    /// wave's position (`waves[2].sector`) when loading a file.
    func validated(_ input: WaveInput, conn: PGConnection, field prefix: String = "") throws -> ([FieldError], TrainingWave?) {
        var errors: [FieldError] = []
        func add(_ field: String, _ code: String, _ zh: String, _ en: String) {
            errors.append(FieldError(field: prefix + field, code: code, message: LocalizedText(zh: zh, en: en)))
        }
        let role = WaveTargetRole(rawValue: input.targetRole)
        if role == nil { add("targetRole", "invalid", "对象须为 principal 或 fire_safety_responsible", "must be principal or fire_safety_responsible") }
        let kind = WaveKind(rawValue: input.kind ?? WaveKind.sector.rawValue)
        if kind == nil { add("kind", "invalid", "批次类型须为 sector、sasac_batch 或 catch_up", "must be sector, sasac_batch or catch_up") }
        // One code per sector whatever a plan calls it (aliases, issue 11 §3).
        var sectorCode: String?
        if let sector = input.sector {
            sectorCode = try ReferenceRepository(conn).sectorLookup()[sector]
            if sectorCode == nil { add("sector", "unknown_sector", "未知行业领域：\(sector)", "no such sector") }
        }
        var targetRoles: [EmploymentRole]?
        if let raw = input.targetRoles {
            targetRoles = []
            for r in raw {
                if let role = EmploymentRole(code: r) { targetRoles?.append(role) } else { add("targetRoles", "invalid", "未知岗位角色：\(r)", "no such role: \(r)") }
            }
        }
        var owners: [EnterpriseOwnership] = []
        for o in input.owners ?? [] {
            if let owner = EnterpriseOwnership(rawValue: o) { owners.append(owner) } else { add("owners", "invalid", "企业隶属须为 central、regional 或 prefecture", "no such owner: \(o)") }
        }
        let delivery = DeliveryModel(rawValue: input.delivery ?? DeliveryModel.mainSub.rawValue)
        if delivery == nil { add("delivery", "invalid", "模式须为 main_sub 或 independent", "must be main_sub or independent") }
        var modules: [TrainingModule] = []
        for m in input.requiredModules ?? TrainingModule.allCases.map(\.rawValue) {
            if let module = TrainingModule(rawValue: m) { modules.append(module) } else { add("requiredModules", "unknown_module", "未知培训内容：\(m)", "no such module: \(m)") }
        }
        if let j = input.jurisdiction {
            let exists = try ReferenceRepository(conn).regionExists(j)
            if RegionCode(j) == nil || !exists {
                add("jurisdiction", "unknown_region", "未知行政区划：\(j)", "no such region")
            }
        }
        guard let role, let delivery, let kind, errors.isEmpty else { return (errors, nil) }
        let wave = TrainingWave(jurisdiction: input.jurisdiction, year: input.year, targetRole: role, sectorCode: sectorCode,
                                title: input.title.trimmedCell, minDays: input.minDays ?? WaveRules.minimumDays,
                                minHoursPerDay: input.minHoursPerDay ?? WaveRules.minimumHoursPerDay,
                                requiredModules: modules, delivery: delivery, departments: input.departments ?? [], kind: kind,
                                targetRoles: targetRoles, owners: owners, organiser: input.organiser?.trimmedCell, batch: input.batch?.trimmedCell)
        errors += WaveRules.check(wave).map { FieldError(field: prefix + $0.field, code: $0.code, message: $0.message) }
        return (errors, errors.isEmpty ? wave : nil)
    }

    /// Administrators set any wave; a regulator sets waves for their own
    /// region or below (never national ones).
    func authorizeWave(_ call: CallContext, jurisdiction: String?) throws {
        switch call.principal.scope {
        case .all: return
        case .region(let mine):
            guard call.principal.role == .regulator, let j = jurisdiction.flatMap(RegionCode.init), mine.contains(j) else { throw ServiceError.forbidden }
        default: throw ServiceError.forbidden
        }
    }

    public func createWave(_ call: CallContext, _ input: WaveInput) async throws -> Wave {
        try authorizeWave(call, jurisdiction: input.jurisdiction)
        return try await db.write(call) { conn, audit in
            let (errors, wave) = try validated(input, conn: conn)
            guard let wave else { throw ServiceError.validation(errors) }
            let repo = TrainingRepository(conn)
            let (id, outcome) = try repo.upsertWave(wave, jurisdictionPrefix: Self.prefix(wave.jurisdiction), source: input.source ?? "")
            if outcome == "unchanged" {
                throw ServiceError.conflict(code: "wave_exists", field: "sector", message: LocalizedText(
                    zh: "该辖区本年度已有相同对象和行业的批次", en: "this jurisdiction already has that wave"))
            }
            try audit.record(action: "wave.\(outcome)", entityType: "training_wave", entityID: id.lowercased, change: [
                "jurisdiction": .string(wave.jurisdiction ?? "national"), "year": .int(wave.year),
                "targetRole": .string(wave.targetRole.rawValue), "sector": AuditValue(wave.sectorCode), "minDays": .int(wave.minDays),
                "kind": .string(wave.kind.rawValue),
                "minHoursPerDay": .int(wave.minHoursPerDay),
            ])
            return Wave(try written(repo.wave(id: id)))
        }
    }

    /// Loads a plan file (db/waves/*.yaml): all waves or none, idempotent.
    public func loadPlan(_ call: CallContext, text: String) async throws -> PlanLoadReport {
        let file = try PlanFile.parse(text)
        // YAML escapes ("\0", "\x07") produce control characters after parsing (issue 9 §6).
        let controls = file.inputs.enumerated().flatMap { i, input in
            ControlCharacters.fields(in: input, path: "waves[\(i)]")
        }
        if !controls.isEmpty { throw ServiceError.validation(controls.map { ControlCharacters.error(field: $0) }) }
        try authorizeWave(call, jurisdiction: file.jurisdiction)
        return try await db.write(call) { conn, audit in
            var errors: [FieldError] = []
            var waves: [(TrainingWave, String)] = []
            for (i, input) in file.inputs.enumerated() {
                let (e, wave) = try validated(input, conn: conn, field: "waves[\(i)].")
                errors += e
                if let wave { waves.append((wave, input.source ?? "")) }
            }
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            var report = PlanLoadReport(plan: file.plan)
            let repo = TrainingRepository(conn)
            for (wave, source) in waves {
                let (id, outcome) = try repo.upsertWave(wave, jurisdictionPrefix: Self.prefix(wave.jurisdiction), source: source)
                switch outcome {
                case "created": report.created += 1
                case "updated": report.updated += 1
                default: report.unchanged += 1
                }
                if outcome != "unchanged" {
                    try audit.record(action: "wave.\(outcome)", entityType: "training_wave", entityID: id.lowercased, change: [
                        "year": .int(wave.year), "targetRole": .string(wave.targetRole.rawValue), "sector": AuditValue(wave.sectorCode),
                        "kind": .string(wave.kind.rawValue),
                    ])
                }
            }
            try audit.record(action: "wave.plan_loaded", entityType: "training_plan", entityID: file.jurisdiction ?? "national", change: [
                "plan": .string(file.plan), "created": .int(report.created), "updated": .int(report.updated), "unchanged": .int(report.unchanged),
            ])
            return report
        }
    }

    /// Waves (any signed-in user: institutions need them to register sessions).
    public func waves(_ call: CallContext, year: Int?, applicableTo region: String?) async throws -> [Wave] {
        _ = call
        if let region, RegionCode(region) == nil {
            throw ServiceError.validation([FieldError(field: "region", code: "invalid", message: LocalizedText(zh: "行政区划代码无效", en: "invalid region code"))])
        }
        return try await db.read { conn in try TrainingRepository(conn).waves(year: year, applicableTo: region) }.map(Wave.init)
    }

    public func wave(_ call: CallContext, id: UUID) async throws -> Wave {
        _ = call
        guard let w = try await db.read({ conn in try TrainingRepository(conn).wave(id: id) }) else { throw ServiceError.notFound(entity: "wave") }
        return Wave(w)
    }

    /// The LIKE prefix of a jurisdiction's subtree; "" for national.
    static func prefix(_ jurisdiction: String?) -> String { jurisdiction.flatMap(RegionCode.init)?.prefix ?? "" }
}
