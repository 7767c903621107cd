import AnpeiDomain
import AnpeiStore
import Foundation

/// Answers, submission, the automatic submission at the deadline, and the
/// candidate's view of an attempt.
extension ExamService {
    /// The attempt as the caller may see it (404 outside their scope).
    public func get(_ access: Access, id: UUID) async throws -> AttemptView {
        try await submitIfExpired(access, id: id)
        return try await db.read { conn in
            let row = try self.locate(conn, access, id: id)
            return try self.view(conn, row, answers: try AttemptRepository(conn).answers(attemptID: id))
        }
    }

    public func answer(_ access: Access, id: UUID, _ input: AnswerInput) async throws -> AttemptView {
        guard (1...500).contains(input.answers.count) else {
            throw ServiceError.validation([FieldError(field: "answers", code: "out_of_range", message: LocalizedText(zh: "每次提交1至500个答案", en: "1–500 answers"))])
        }
        let now = config.now()
        let outcome: (view: AttemptView, late: Bool) = try await write(access) { conn, audit in
            let repo = AttemptRepository(conn)
            let row = try self.locate(conn, access, id: id, forUpdate: true, candidateOnly: true)
            guard row.submittedAt == nil else { throw Self.conflict("attempt_submitted", zh: "试卷已交，不能再作答", en: "already submitted") }
            if let deadline = row.deadline, !AttemptRules.accepts(at: now, deadline: deadline) {
                try self.grade(conn, audit, row, at: now, auto: true)
                return (try self.view(conn, try self.locate(conn, access, id: id), answers: try repo.answers(attemptID: id)), true)
            }
            let paper = row.paper ?? []
            let questions = try self.banks.version(conn, bankID: row.bankID, version: row.bankVersion).byUID
            var errors: [FieldError] = []
            var saves: [(position: Int, response: PGJSON?)] = []
            for (i, a) in input.answers.enumerated() {
                let field = "answers[\(i)]"
                guard (1...paper.count).contains(a.position), let q = questions[paper[a.position - 1].uid] else {
                    errors.append(FieldError(field: field + ".position", code: "out_of_range", message: LocalizedText(
                        zh: "题号须在1至\(paper.count)之间", en: "position 1–\(paper.count)")))
                    continue
                }
                switch Self.response(a, question: q, order: paper[a.position - 1].order) {
                case .success(let json): saves.append((a.position, json))
                case .failure(let e): errors.append(FieldError(field: field, code: e.code, message: e.message))
                }
            }
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            _ = try repo.saveAnswers(attemptID: id, saves, at: now)
            return (try self.view(conn, row, answers: try repo.answers(attemptID: id)), false)
        }
        if outcome.late {
            throw Self.conflict("time_up", zh: "考试时间已到，试卷已自动交卷，答案未被接受", en: "time is up: the attempt was submitted automatically; the answers were refused")
        }
        return outcome.view
    }

    /// A response in bank letters (what grading and item statistics read), or why not.
    static func response(_ a: AnswerInput.Answer, question q: Question, order: [String]?) -> Result<PGJSON?, FieldError> {
        func bad(_ code: String, _ zh: String, _ en: String) -> Result<PGJSON?, FieldError> {
            .failure(FieldError(field: "", code: code, message: LocalizedText(zh: zh, en: en)))
        }
        if q.type == .trueFalse {
            if a.letters != nil { return bad("wrong_answer_kind", "判断题以 truth 作答", "a true/false question takes truth") }
            return .success(a.truth.map { PGJSON(json: $0 ? "true" : "false") })
        }
        if a.truth != nil { return bad("wrong_answer_kind", "选择题以 letters 作答", "a choice question takes letters") }
        guard let letters = a.letters, !letters.isEmpty else { return .success(nil) }  // cleared
        let displayed = Set(letters.map { $0.uppercased() })
        if displayed.count != letters.count { return bad("duplicate_letter", "选项重复", "a letter is repeated") }
        if q.type == .single, displayed.count > 1 { return bad("single_choice", "单选题只能选一个选项", "choose one letter") }
        guard let bank = PaperAssembly.bankLetters(displayed, order: order) else {
            return bad("unknown_letter", "选项不存在", "no such option")
        }
        let json = "[" + bank.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
        return .success(PGJSON(json: json))
    }

    public func submit(_ access: Access, id: UUID) async throws -> AttemptView {
        let now = config.now()
        return try await write(access) { conn, audit in
            let row = try self.locate(conn, access, id: id, forUpdate: true, candidateOnly: true)
            guard row.submittedAt == nil else { throw Self.conflict("attempt_submitted", zh: "试卷已交", en: "already submitted") }
            // After the deadline the submission is the automatic one, of what was saved in time.
            let late = row.deadline.map { !AttemptRules.accepts(at: now, deadline: $0) } ?? false
            let record = try self.grade(conn, audit, row, at: late ? row.deadline! : now, auto: late, recordNow: false)
            let view = try self.view(conn, try self.locate(conn, access, id: id), answers: try AttemptRepository(conn).answers(attemptID: id))
            try record()  // last before the commit (the audit chain's lock)
            return view
        }
    }

    /// Grades and closes an attempt.
    @discardableResult
    func grade(_ conn: PGConnection, _ audit: AuditWriter, _ row: AttemptRow, at time: Date, auto: Bool,
               recordNow: Bool = true) throws -> () throws -> Void {
        let repo = AttemptRepository(conn)
        let answers = try repo.answers(attemptID: row.id)
        let questions = try banks.version(conn, bankID: row.bankID, version: row.bankVersion).byUID
        let graded = Grading.grade(answers.map { a in
            (questions[a.questionUID]!, a.points, Self.gradingResponse(a.response))
        }, multiple: row.blueprint.multiple)
        let passed = AttemptRules.passed(score: graded.total, passMark: row.blueprint.passMark)
        try repo.submit(attemptID: row.id, scores: graded.each, total: graded.total, passed: passed, at: time, auto: auto)
        let spotCase = try SpotExamCases.openIfFailed(conn, personID: row.personID, purpose: row.purpose, subject: row.subjectID, attemptID: row.id,
                                                      passed: passed, examDate: row.examDate, by: audit.actor.name)
        let record = {
            try audit.record(action: auto ? "exam.auto_submitted" : "exam.submitted", entityType: "exam_attempt",
                             entityID: row.id.uuidString.lowercased(), change: [
                                "score": .string(String(graded.total)), "passed": .bool(passed), "person": .string(row.personID.uuidString.lowercased()),
                                "case": spotCase.map { .string($0.uuidString.lowercased()) } ?? .null,
                             ])
        }
        if recordNow { try record() }
        return recordNow ? {} : record
    }

    static func gradingResponse(_ json: PGJSON?) -> Grading.Response? {
        guard let text = json?.json else { return nil }
        if text == "true" { return .truth(true) }
        if text == "false" { return .truth(false) }
        guard let letters = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return nil }
        return .letters(Set(letters))
    }

    /// Submits every open attempt past its deadline (the server's sweep; also
    /// done on any access to an expired attempt). Returns how many.
    public func submitExpired() async throws -> Int {
        let now = config.now()
        let call = CallContext(principal: .system(operator: "exam-deadline"), requestID: "sweep")
        var total = 0
        while true {
            let done = try await db.write(call) { conn, audit in
                var n = 0
                for id in try AttemptRepository(conn).expired(at: now, limit: 200) {
                    guard let row = try AttemptRepository(conn).find(id: id, scope: ScopeFilter(.all), forUpdate: true), row.submittedAt == nil
                    else { continue }
                    try self.grade(conn, audit, row, at: row.deadline ?? now, auto: true)
                    n += 1
                }
                return n
            }
            total += done
            if done < 200 { return total }
        }
    }

    func submitIfExpired(_ access: Access, id: UUID) async throws {
        let now = config.now()
        _ = try await write(access) { conn, audit in
            guard let row = try? self.locate(conn, access, id: id, forUpdate: true), row.submittedAt == nil,
                  let deadline = row.deadline, !AttemptRules.accepts(at: now, deadline: deadline) else { return false }
            try self.grade(conn, audit, row, at: deadline, auto: true)
            return true
        }
    }

    func write<T: Sendable>(_ access: Access, _ body: @escaping @Sendable (PGConnection, AuditWriter) throws -> T) async throws -> T {
        switch access {
        case .call(let call): try await db.write(call, body)
        case .key(_, let requestID): try await db.anonymousWrite(requestID: requestID, body)
        }
    }

    /// The attempt if the caller may see it; `candidateOnly`: may act as its candidate
    /// (the worker themself, an administrator, or the holder of the attempt key).
    func locate(_ conn: PGConnection, _ access: Access, id: UUID, forUpdate: Bool = false, candidateOnly: Bool = false) throws -> AttemptRow {
        let repo = AttemptRepository(conn)
        switch access {
        case .key(let key, _):
            guard let row = try repo.find(id: id, scope: ScopeFilter(.all), forUpdate: forUpdate), let hash = row.keyHash,
                  hash == Self.keyHash(key) else { throw ServiceError.notFound(entity: "exam_attempt") }
            return row
        case .call(let call):
            guard let row = try repo.find(id: id, scope: ScopeFilter(call.principal.scope), forUpdate: forUpdate) else {
                throw ServiceError.notFound(entity: "exam_attempt")
            }
            if candidateOnly {
                switch call.principal.scope {
                case .all: break
                case .person(let me) where me == row.personID.uuidString.lowercased(): break
                default: throw ServiceError.forbidden
                }
            }
            return row
        }
    }

    func view(_ conn: PGConnection, _ row: AttemptRow, answers: [AnswerRow]) throws -> AttemptView {
        let questions = row.mode == "online" ? try banks.version(conn, bankID: row.bankID, version: row.bankVersion).byUID : [:]
        let paper = row.paper ?? []
        let now = config.now()
        let items: [AttemptView.Item] = answers.map { a in
            let q = questions[a.questionUID]
            let order = a.position <= paper.count ? paper[a.position - 1].order : nil
            var letters: [String]?
            var truth: Bool?
            switch Self.gradingResponse(a.response) {
            case .truth(let t)?: truth = t
            case .letters(let bank)?:
                // Back to the letters the candidate saw.
                letters = bank.compactMap { b in order.flatMap { $0.firstIndex(of: b) }.map { PaperAssembly.letters[$0] } ?? b }.sorted()
            case nil: break
            }
            let options: [AttemptView.Option]? = q?.options.map { opts in
                (order ?? opts.keys.sorted()).enumerated().map { AttemptView.Option(letter: PaperAssembly.letters[$0.offset], text: opts[$0.element] ?? "") }
            }
            return AttemptView.Item(position: a.position, type: q?.type.rawValue ?? "", stem: q?.stem ?? "",
                                    options: q?.type == .trueFalse ? nil : options, points: a.points, letters: letters, truth: truth,
                                    earned: row.submittedAt == nil ? nil : a.score)
        }
        let left = row.submittedAt == nil ? row.deadline.map { max(0, Int($0.timeIntervalSince(now).rounded(.down))) } : nil
        return AttemptView(
            id: row.id.uuidString.lowercased(), personId: row.personID.uuidString.lowercased(), personName: row.personName,
            blueprintId: row.blueprintID, title: row.blueprint.title, purpose: row.purpose, subjectId: row.subjectID?.uuidString.lowercased(),
            attemptNumber: row.attemptNumber, mode: row.mode, status: row.submittedAt == nil ? "open" : "submitted", startedAt: row.startedAt,
            deadline: row.deadline, secondsLeft: left, submittedAt: row.submittedAt, autoSubmitted: row.autoSubmitted,
            examDate: row.examDate.description, score: row.score, maxScore: row.maxScore, passMark: row.blueprint.passMark, passed: row.passed,
            items: items)
    }
}
