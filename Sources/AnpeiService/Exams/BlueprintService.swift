import AnpeiDomain
import AnpeiStore
import Foundation

/// Blueprints: national ones kept by administrators, an institution's own on
/// banks it may use. Saving one assembles a trial paper, so a bank that
/// cannot satisfy it is refused at once with the unmet quota named.
public struct BlueprintService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    public static func domain(_ v: BlueprintView) throws -> Blueprint {
        var errors: [FieldError] = []
        let kind = Blueprint.Kind(rawValue: v.kind)
        if kind == nil {
            errors.append(FieldError(field: "kind", code: "invalid_kind", message: LocalizedText(
                zh: "考试类别须为：" + Blueprint.Kind.allCases.map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: "、"),
                en: "one of " + Blueprint.Kind.allCases.map(\.rawValue).joined(separator: ", "))))
        }
        var sections: [Blueprint.Section] = []
        for (i, s) in v.sections.enumerated() {
            guard let type = Question.Kind(rawValue: s.type) else {
                errors.append(FieldError(field: "sections[\(i)].type", code: "invalid_type", message: LocalizedText(
                    zh: "题型须为 single、multiple 或 true_false", en: "single, multiple or true_false")))
                continue
            }
            sections.append(.init(type: type, count: s.count, points: s.points))
        }
        let multiple = v.multiple.map { Grading.MultiplePolicy(rawValue: $0) } ?? .allOrNothing
        if multiple == nil {
            errors.append(FieldError(field: "multiple", code: "invalid_policy", message: LocalizedText(
                zh: "多选题计分须为 all_or_nothing 或 partial_no_wrong", en: "all_or_nothing or partial_no_wrong")))
        }
        guard let kind, let multiple, errors.isEmpty else { throw ServiceError.validation(errors) }
        var difficulty: [Blueprint.Band: Double] = [:]
        difficulty[.easy] = v.difficulty?.easy
        difficulty[.medium] = v.difficulty?.medium
        difficulty[.hard] = v.difficulty?.hard
        let b = Blueprint(id: v.id, title: v.title, kind: kind, bank: v.bank, sections: sections,
                          quotas: (v.quotas ?? []).map { .init(knowledgePoint: $0.knowledgePoint, min: $0.min) }, difficulty: difficulty,
                          passMark: v.passMark, timeLimitMinutes: v.timeLimitMinutes, retakes: v.retakes ?? 1, multiple: multiple)
        let problems = b.problems()
        if !problems.isEmpty { throw ServiceError.validation(problems) }
        return b
    }

    public static func view(_ b: Blueprint, institutionID: UUID? = nil) -> BlueprintView {
        BlueprintView(id: b.id, title: b.title, kind: b.kind.rawValue, bank: b.bank,
                      sections: b.sections.map { .init(type: $0.type.rawValue, count: $0.count, points: $0.points) },
                      quotas: b.quotas.map { .init(knowledgePoint: $0.knowledgePoint, min: $0.min) },
                      difficulty: .init(easy: b.difficulty[.easy], medium: b.difficulty[.medium], hard: b.difficulty[.hard]),
                      passMark: b.passMark, timeLimitMinutes: b.timeLimitMinutes, retakes: b.retakes, multiple: b.multiple.rawValue,
                      totalPoints: b.totalPoints, institutionId: institutionID?.uuidString.lowercased())
    }

    public func save(_ call: CallContext, _ input: BlueprintView) async throws -> (view: BlueprintView, changed: Bool) {
        let (institutionID, all) = try BankService.owner(call)
        let blueprint = try Self.domain(input)
        return try await db.write(call) { conn, audit in
            let banks = BankRepository(conn)
            guard let bank = try banks.find(id: blueprint.bank), bank.version > 0, all || bank.institutionID == nil || bank.institutionID == institutionID
            else {
                throw ServiceError.validation([FieldError(field: "bank", code: "unknown_bank", message: LocalizedText(
                    zh: "题库不存在或尚未导入", en: "no such bank (or never imported)"))])
            }
            let repo = BlueprintRepository(conn)
            if let existing = try repo.find(id: blueprint.id), !all, existing.institutionID != institutionID { throw ServiceError.forbidden }
            // A trial assembly: the bank must satisfy the blueprint now.
            let pool = try banks.questions(bankID: bank.id, version: bank.version).map { PaperAssembly.Candidate(uid: $0.uid, question: $0.question, uses: 0) }
            let titles = Dictionary(try banks.knowledgePoints(bankID: bank.id, version: bank.version).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            do {
                _ = try PaperAssembly.assemble(blueprint, from: pool, titles: titles, seed: 1)
            } catch let error as PaperAssembly.Unmet {
                throw ServiceError.validation([FieldError(field: error.quota.hasPrefix("section") ? "sections" : error.quota.hasPrefix("difficulty") ? "difficulty" : "quotas",
                                                          code: "blueprint_unsatisfiable", message: error.message)])
            }
            let changed = try repo.upsert(blueprint, institutionID: all ? nil : institutionID)
            if changed {
                try audit.record(action: "blueprint.saved", entityType: "blueprint", entityID: blueprint.id, change: [
                    "bank": .string(blueprint.bank), "kind": .string(blueprint.kind.rawValue), "totalPoints": .string(String(blueprint.totalPoints)),
                ])
            }
            let row = try repo.find(id: blueprint.id)
            return (Self.view(blueprint, institutionID: row?.institutionID), changed)
        }
    }

    public func list(_ call: CallContext) async throws -> [BlueprintView] {
        let (institutionID, all) = BankService.reader(call)
        return try await db.read { conn in try BlueprintRepository(conn).list(institutionID: institutionID, all: all) }
            .map { Self.view($0.blueprint, institutionID: $0.institutionID) }
    }

    public func get(_ call: CallContext, id: String) async throws -> BlueprintView {
        let (institutionID, all) = BankService.reader(call)
        guard let row = try await db.read({ conn in try BlueprintRepository(conn).find(id: id) }),
              all || row.institutionID == nil || row.institutionID == institutionID
        else { throw ServiceError.notFound(entity: "blueprint") }
        return Self.view(row.blueprint, institutionID: row.institutionID)
    }
}
