import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

/// Question banks: versioned import (idempotent), listing, export and item
/// statistics. National banks are kept by administrators; an institution
/// keeps its own.
public struct BankService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig

    public init(db: UnitOfWork, config: ServiceConfig) {
        self.db = db
        self.config = config
    }

    /// Who may write a bank: administrators any national bank, an institution its own.
    static func owner(_ call: CallContext) throws -> (institutionID: UUID?, all: Bool) {
        switch call.principal.scope {
        case .all: return (nil, true)
        case .institution(let id):
            guard let uuid = UUID(uuidString: id) else { throw ServiceError.forbidden }
            return (uuid, false)
        default: throw ServiceError.forbidden
        }
    }

    /// Who may read banks: everyone signed in sees the list of national banks
    /// and their own; content (with answers) only the owner.
    static func reader(_ call: CallContext) -> (institutionID: UUID?, all: Bool) {
        switch call.principal.scope {
        case .all: (nil, true)
        case .institution(let id): (UUID(uuidString: id), false)
        default: (nil, false)
        }
    }

    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public func importBank(_ call: CallContext, _ bank: QuestionBank) async throws -> BankImportResult {
        let (institutionID, _) = try Self.owner(call)
        let findings = BankLint.check(bank)
        let errors = findings.filter { $0.severity == .error }
        var problems: [FieldError] = errors.map {
            FieldError(field: $0.question.map { "questions[\($0)]" } ?? "bank", code: $0.code, message: $0.message)
        }
        if !(1...10_000).contains(bank.questions.count) {
            problems.append(FieldError(field: "questions", code: "out_of_range", message: LocalizedText(zh: "题库须有1至10000道题", en: "1–10,000 questions")))
        }
        if bank.id.range(of: "^[a-z0-9][a-z0-9._-]{0,63}$", options: .regularExpression) == nil {
            problems.append(FieldError(field: "id", code: "invalid_id", message: LocalizedText(
                zh: "题库编号须为小写字母或数字开头的1至64位小写字母、数字、.、_、-", en: "1–64 of a-z 0-9 . _ -")))
        }
        if !["wave_sector", "special_operation", "three_violations", "evacuation", "general"].contains(bank.scope.kind) {
            problems.append(FieldError(field: "scope.kind", code: "invalid_scope", message: LocalizedText(
                zh: "适用范围须为 wave_sector、special_operation、three_violations、evacuation 或 general", en: "unknown scope kind")))
        }
        problems += Self.shapeProblems(bank)
        if !problems.isEmpty { throw ServiceError.validation(Array(problems.prefix(100))) }
        let warnings = findings.filter { $0.severity == .warning }.map(\.description)
        // Each question's content decides whether it is new, revised or the same.
        let contents = try bank.questions.map { try PGJSON(encoding: $0) }
        let digests = contents.map { Self.digest($0.json) }
        let kps = try PGJSON(encoding: bank.knowledgePoints).json
        let bankDigest = Self.digest(([bank.title, bank.scope.kind, bank.scope.sector ?? "", bank.scope.item ?? "", kps]
                                      + zip(bank.questions, digests).map { "\($0.id)=\($1)" }).joined(separator: "\n"))
        return try await db.write(call) { conn, audit in
            let repo = BankRepository(conn)
            if let existing = try repo.find(id: bank.id, forUpdate: true) {
                // An institution never overwrites a national bank or another institution's.
                if institutionID != nil, existing.institutionID != institutionID { throw ServiceError.forbidden }
            } else {
                try repo.createBank(bank, institutionID: institutionID)
            }
            guard let current = try repo.find(id: bank.id, forUpdate: true) else { throw ServiceError.internal }
            let latest = try repo.latestRevisions(bankID: bank.id)
            let same = current.version > 0 ? try repo.digest(bankID: bank.id, version: current.version) == bankDigest : false
            if same {
                return BankImportResult(bankId: bank.id, version: current.version, newVersion: false, added: 0, revised: 0, removed: 0,
                                        unchanged: bank.questions.count, warnings: warnings)
            }
            let members = current.version > 0 ? Set(try repo.questions(bankID: bank.id, version: current.version).map(\.question.id)) : []
            var uids: [Int64] = []
            var added = 0, revised = 0, unchanged = 0
            for (i, q) in bank.questions.enumerated() {
                if let last = latest[q.id], last.digest == digests[i] {
                    uids.append(last.uid)
                    if members.contains(q.id) { unchanged += 1 } else { added += 1 }
                } else {
                    uids.append(try repo.insertQuestion(bankID: bank.id, q, revision: (latest[q.id]?.revision ?? 0) + 1,
                                                        digest: digests[i], content: contents[i]))
                    if latest[q.id] == nil || !members.contains(q.id) { added += 1 } else { revised += 1 }
                }
            }
            let removed = members.subtracting(bank.questions.map(\.id)).count
            let version = current.version + 1
            try repo.insertVersion(bank, version: version, digest: bankDigest, uids: uids, by: audit.actor.name)
            try audit.record(action: "bank.imported", entityType: "question_bank", entityID: bank.id, change: [
                "version": .int(version), "added": .int(added), "revised": .int(revised), "removed": .int(removed),
                "digest": .string(bankDigest),
            ])
            return BankImportResult(bankId: bank.id, version: version, newVersion: true, added: added, revised: revised, removed: removed,
                                    unchanged: unchanged, warnings: warnings)
        }
    }

    /// Limits the lint does not cover (it reads files people wrote; the API
    /// also takes whatever a client sends).
    static func shapeProblems(_ bank: QuestionBank) -> [FieldError] {
        var out: [FieldError] = []
        func add(_ field: String, _ code: String, zh: String, en: String) {
            out.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
        }
        if bank.title.trimmingCharacters(in: .whitespaces).isEmpty || bank.title.count > 200 {
            add("title", "out_of_range", zh: "题库名称须为1至200个字符", en: "1–200 characters")
        }
        if !(1...1_000_000).contains(bank.version) { add("version", "out_of_range", zh: "版本号须为正整数", en: "a positive version") }
        if (bank.scope.sector?.count ?? 0) > 64 || (bank.scope.item?.count ?? 0) > 16 {
            add("scope", "out_of_range", zh: "适用范围过长", en: "scope too long")
        }
        for (i, k) in bank.knowledgePoints.enumerated() where k.id.isEmpty || k.id.count > 64 || k.title.isEmpty || k.title.count > 200 {
            add("knowledgePoints[\(i)]", "out_of_range", zh: "知识点编号1至64个字符、名称1至200个字符", en: "id 1–64, title 1–200 characters")
        }
        for (i, q) in bank.questions.enumerated() {
            let f = "questions[\(i)]"
            if q.id.isEmpty || q.id.count > 64 { add(f + ".id", "out_of_range", zh: "题目编号须为1至64个字符", en: "1–64 characters") }
            if q.stem.trimmingCharacters(in: .whitespaces).isEmpty || q.stem.count > 2_000 {
                add(f + ".stem", "out_of_range", zh: "题干须为1至2000个字符", en: "1–2000 characters")
            }
            if !(1...5).contains(q.difficulty) { add(f + ".difficulty", "out_of_range", zh: "难度须为1至5", en: "1–5") }
            if q.explanation.count > 4_000 || q.source.law.count > 200 || (q.source.article?.count ?? 0) > 100 || q.knowledgePoints.count > 20 {
                add(f, "too_long", zh: "解析、依据或知识点过长", en: "explanation, source or knowledge points too long")
            }
            if let options = q.options {
                let letters = options.keys.sorted()
                if letters.count > PaperAssembly.letters.count || letters != Array(PaperAssembly.letters.prefix(letters.count))
                    || options.values.contains(where: { $0.isEmpty || $0.count > 1_000 }) {
                    add(f + ".options", "bad_options", zh: "选项须从A起连续编号（最多8个），每项1至1000个字符", en: "options lettered from A on (at most 8), 1–1000 characters each")
                }
            }
            switch (q.type, q.answer) {
            case (.trueFalse, .truth), (.single, .letters), (.multiple, .letters): break
            default: add(f + ".answer", "answer_kind", zh: "判断题的答案为 true/false，选择题的答案为字母", en: "true/false takes a boolean, choices take letters")
            }
        }
        return out
    }

    public func list(_ call: CallContext) async throws -> [BankSummary] {
        let (institutionID, all) = Self.reader(call)
        return try await db.read { conn in try BankRepository(conn).list(institutionID: institutionID, all: all) }.map(Self.summary)
    }

    static func summary(_ r: BankRow) -> BankSummary {
        BankSummary(id: r.id, title: r.title, scopeKind: r.scopeKind, scopeSector: r.scopeSector, scopeItem: r.scopeItem,
                    institutionId: r.institutionID?.uuidString.lowercased(), version: r.version, questionCount: r.questionCount,
                    importedAt: r.importedAt)
    }

    /// The bank as a `QuestionBank` (answers included): its owner only.
    public func export(_ call: CallContext, id: String, version: Int? = nil) async throws -> QuestionBank {
        let (institutionID, all) = try Self.owner(call)
        return try await db.read { conn in
            let repo = BankRepository(conn)
            guard let row = try repo.find(id: id), all || row.institutionID == institutionID, row.version > 0 else {
                throw ServiceError.notFound(entity: "question_bank")
            }
            let v = version ?? row.version
            guard (1...row.version).contains(v) else { throw ServiceError.notFound(entity: "question_bank_version") }
            return QuestionBank(id: row.id, title: row.title, version: v,
                                scope: .init(kind: row.scopeKind, sector: row.scopeSector, item: row.scopeItem),
                                knowledgePoints: try repo.knowledgePoints(bankID: id, version: v),
                                questions: try repo.questions(bankID: id, version: v).map(\.question))
        }
    }

    /// Item analysis in SQL over every submitted attempt of a bank version:
    /// the owner, administrators and regulators (figures only, no answers).
    public func stats(_ call: CallContext, id: String, version: Int? = nil) async throws -> ExamStats {
        let (institutionID, all) = Self.reader(call)
        let regulator = call.principal.role == .regulator
        guard all || regulator || institutionID != nil else { throw ServiceError.forbidden }
        return try await db.read { conn in
            guard let row = try BankRepository(conn).find(id: id), all || regulator || row.institutionID == nil || row.institutionID == institutionID
            else { throw ServiceError.notFound(entity: "question_bank") }
            let v = version ?? row.version
            let stats = ExamStatsRepository(conn)
            let items = try stats.items(bankID: id, version: v)
            let (alpha, attempts) = try stats.alpha(bankID: id, version: v)
            return ExamStats(bankId: id, version: v, attempts: attempts, alpha: alpha, items: items.map {
                ExamStats.Item(questionId: $0.questionID, uid: $0.uid, answered: $0.answered, p: $0.p, d: $0.d, pointBiserial: $0.pointBiserial,
                               options: $0.options, flags: ItemAnalysis.flags(p: $0.p, d: $0.d, pointBiserial: $0.pointBiserial))
            })
        }
    }
}
