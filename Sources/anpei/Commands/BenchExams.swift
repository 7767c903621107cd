import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation
import Logging

extension BenchCommand {
    /// Prints two pgbench scripts: the statements one exam start and one
    /// submission run once warm (token lookup included), recorded from the
    /// same service calls the routes make. The candidate becomes `:person`
    /// (picked from `bench_candidates`), the attempt `:id` (from the INSERT's
    /// RETURNING in the start script; from the oldest open attempt in the
    /// submission script); every other value is written in as recorded.
    struct ExamSQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exam-sql", abstract: "考试开始与交卷执行的 SQL（pgbench 脚本）/ an exam start's and a submission's SQL as pgbench scripts")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "bearer token (an administrator)") var token: String
        @Option(help: "blueprint id") var blueprint: String
        @Option(help: "two person ids: warm-up and recorded") var person: [String]
        @Option(help: "file for the start script") var startScript: String
        @Option(help: "file for the submission script") var submitScript: String
        @Option(name: .customLong("defines"), help: "file for the parameter values, one NAME=VALUE per line (pgbench -D)") var definesFile: String

        func run() async throws {
            guard person.count == 2, let warm = UUID(uuidString: person[0]), let recorded = UUID(uuidString: person[1]) else {
                throw ValidationError("--person twice: a warm-up and a recorded person id")
            }
            let seen = Recorded()
            var logger = Logger(label: "anpei")
            logger.logLevel = .error
            let services = try ServerSide.services(db, logger: logger, observer: { sql, params in seen.add(sql, params) })
            var scripts: [(start: [(String, [String?])], submit: [(String, [String?])], attempt: String)] = []
            for p in [warm, recorded] {
                seen.clear()
                let principal = try await services.auth.authenticate(token: token)
                let call = CallContext(principal: principal, requestID: "bench")
                let view = try await services.exams.start(call, .init(blueprintId: blueprint, purpose: "practice", personId: p.uuidString.lowercased()),
                                                          client: .init(address: "127.0.0.1", userAgent: "bench"))
                let start = seen.all
                seen.clear()
                _ = try await services.auth.authenticate(token: token)
                _ = try await services.exams.submit(.call(call), id: UUID(uuidString: view.id)!)
                scripts.append((start, seen.all, view.id))
            }
            let (start, submit, attempt) = scripts[1]
            let personText = recorded.uuidString.lowercased()
            // Values stay parameters (pgbench -M prepared binds `:name` as anpei
            // binds $n), defined with -D; NULLs, which -D cannot carry, are written in.
            var defines: [String] = []
            func render(_ statements: [(String, [String?])], gsetInsert: Bool, prefix: String) -> String {
                statements.enumerated().map { k, statement in
                    let (sql, params) = statement
                    var text = PGConnection.rewritingParameters(sql) { n in
                        guard n <= params.count, let value = params[n - 1] else { return "NULL" }
                        if value == personText { return ":person" }
                        if value == attempt { return ":id" }
                        defines.append("\(prefix)\(k + 1)p\(n)=\(value)")
                        return ":\(prefix)\(k + 1)p\(n)"
                    }
                    text = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    if gsetInsert && text.hasPrefix("INSERT INTO exam_attempts") { return text + " \\gset" }
                    return text + ";"
                }.joined(separator: "\n")
            }
            // The use counts are updated after the start's commit, as the service does.
            let startLines = render(start, gsetInsert: true, prefix: "s").split(separator: "\n")
            let afterCommit = startLines.filter { $0.hasPrefix("UPDATE question_usage") }.joined(separator: "\n")
            let startText = """
                \\set n random(1, 1000)
                BEGIN;
                SELECT id AS person FROM bench_candidates WHERE n = :n \\gset
                \(startLines.filter { !$0.hasPrefix("UPDATE question_usage") }.joined(separator: "\n"))
                -- not the endpoint's: closes the attempt so the candidate may start again
                UPDATE exam_attempts SET submitted_at = now(), passed = false, score = 0 WHERE id = :id;
                COMMIT;
                \(afterCommit)

                """
            let submitText = """
                BEGIN;
                SELECT id, person_id AS person FROM exam_attempts WHERE submitted_at IS NULL AND blueprint_id = '\(blueprint)'
                    ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED \\gset
                \(render(submit, gsetInsert: false, prefix: "u"))
                COMMIT;

                """
            try startText.write(toFile: startScript, atomically: true, encoding: .utf8)
            try submitText.write(toFile: submitScript, atomically: true, encoding: .utf8)
            try defines.joined(separator: "\n").appending("\n").write(toFile: definesFile, atomically: true, encoding: .utf8)
            print("start: \(start.count) statements, submission: \(submit.count) statements")
            await services.shutdown()
        }
    }
}
