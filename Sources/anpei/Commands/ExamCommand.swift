import AnpeiWire
import ArgumentParser
import Foundation

/// `anpei exam start|answer|submit|result|results`: a candidate at a terminal
/// (one question at a time, the time left shown), and paper score sheets.
struct ExamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam", abstract: "考试 / exams",
        subcommands: [Start.self, Answer.self, Submit.self, Result.self, Results.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开始考试（终端逐题作答）/ start an exam (one question at a time on a terminal)")
        @OptionGroup var o: RecordOptions
        @Option(help: "blueprint id") var blueprint: String
        @Option(help: "certificate_review, training_session, management_certificate, practice …") var purpose: String = "practice"
        @Option(help: "what the result is for (certificate id, session id …)") var subject: String?
        @Option(help: "the candidate (administrators, proctoring institutions)") var person: String?
        @Flag(help: "print the paper and leave (answer with `anpei exam answer`)") var noInteractive = false
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/exam-attempts", body: AttemptStart(blueprintId: blueprint, purpose: purpose, subjectId: subject, personId: person),
                                          as: AttemptView.self)
            if o.output.json { return print(try JSONOutput.encode(view)) }
            if noInteractive || !Terminal.stdinIsTTY {
                print(ExamTerminal.paper(view, zh: o.output.language == .zh))
                return
            }
            try await ExamTerminal(api: api, zh: o.output.language == .zh).take(view)
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "作答（题号 答案，如 3 ABD、5 对）/ answer: position and letters or 对/错")
        @OptionGroup var o: RecordOptions
        @Argument(help: "attempt id") var id: String
        @Argument(help: "pairs: position answer … (e.g. 1 A 2 对 3 ABD)") var pairs: [String]
        func run() async throws {
            let zh = o.output.language == .zh
            guard pairs.count % 2 == 0, !pairs.isEmpty else { throw CLIError.message(zh ? "请成对给出题号和答案" : "give position/answer pairs") }
            var answers: [AnswerInput.Answer] = []
            for i in stride(from: 0, to: pairs.count, by: 2) {
                guard let position = Int(pairs[i]), let answer = ExamTerminal.parse(pairs[i + 1], position: position) else {
                    throw CLIError.message(zh ? "无法识别：\(pairs[i]) \(pairs[i + 1])" : "cannot read: \(pairs[i]) \(pairs[i + 1])")
                }
                answers.append(answer)
            }
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("PUT", "v1/exam-attempts/\(id)/answers", body: AnswerInput(answers: answers), as: AttemptView.self)
            if o.output.json { return print(try JSONOutput.encode(view)) }
            let answered = view.items.count { $0.letters != nil || $0.truth != nil }
            print(zh ? "已保存：已答 \(answered)/\(view.items.count) 题，剩余 \(ExamTerminal.clock(view.secondsLeft))"
                : "saved: \(answered)/\(view.items.count) answered, \(ExamTerminal.clock(view.secondsLeft)) left")
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "交卷 / submit")
        @OptionGroup var o: RecordOptions
        @Argument(help: "attempt id") var id: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/exam-attempts/\(id)/submission", body: [String: String](), as: AttemptView.self)
            if o.output.json { return print(try JSONOutput.encode(view)) }
            print(ExamTerminal.result(view, zh: o.output.language == .zh))
            if view.passed != true { throw ExitCode(1) }
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "考试结果 / an attempt's result")
        @OptionGroup var o: RecordOptions
        @Argument(help: "attempt id") var id: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.get("v1/exam-attempts/\(id)", as: AttemptView.self)
            if o.output.json { return print(try JSONOutput.encode(view)) }
            print(ExamTerminal.result(view, zh: o.output.language == .zh))
        }
    }

    /// A paper exam's score sheet: CSV with personId, subjectId (optional) and score columns; all rows or none.
    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "录入纸质考试成绩单（CSV：personId,subjectId,score）/ enter a paper score sheet")
        @OptionGroup var o: RecordOptions
        @Argument(help: "CSV file") var file: String
        @Option(help: "blueprint id") var blueprint: String
        @Option(help: "purpose") var purpose: String
        @Option(help: "exam date YYYY-MM-DD") var date: String
        func run() async throws {
            let zh = o.output.language == .zh
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
            let rows = try ScoreSheet.rows(data, zh: zh)
            let api = try APIClient.signedIn(o.client, o.output)
            let outcome = try await api.send("POST", "v1/exam-results", body: PaperResultInput(blueprintId: blueprint, purpose: purpose, date: date, rows: rows),
                                             as: PaperResultOutcome.self)
            if o.output.json { return print(try JSONOutput.encode(outcome)) }
            print(zh ? "已录入 \(outcome.recorded) 条成绩，合格 \(outcome.passed) 人" : "recorded \(outcome.recorded) results, \(outcome.passed) passed")
        }
    }
}
