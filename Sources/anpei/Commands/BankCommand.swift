import AnpeiDomain
import ArgumentParser
import Foundation
import Yams

/// `anpei bank …`: question banks kept in git (issue 12).
struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: "题库 / question banks", subcommands: [Lint.self, Import.self, Export.self, List.self, Show.self, Stats.self])

    /// Checks bank files offline: the format (decoding) and `BankLint`'s rules.
    /// Exit 1 when any file has an error; warnings are printed and pass.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "检查题库文件 / check bank files (duplicates, answers, sources, balance)")
        @OptionGroup var output: OutputOptions
        @Argument(help: "bank files or folders (default: question-banks)") var paths: [String] = []

        func run() throws {
            let zh = output.language == .zh
            var files: [String] = []
            for path in paths.isEmpty ? ["question-banks"] : paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                    throw CLIError.message(zh ? "找不到 \(path)" : "no such file: \(path)")
                }
                if isDir.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                    files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
                } else {
                    files.append(path)
                }
            }
            var errors = 0
            var questions = 0
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message("cannot read \(file)") }
                let bank: QuestionBank
                do {
                    bank = try YAMLDecoder().decode(QuestionBank.self, from: data)
                } catch {
                    errors += 1
                    print("\(file): error bad_format: \(error)")
                    continue
                }
                let findings = BankLint.check(bank)
                questions += bank.questions.count
                for f in findings {
                    print("\(file): \(f.severity.rawValue) \(f.code)\(f.question.map { " [\($0)]" } ?? ""): \(zh ? f.message.zh : f.message.en)")
                }
                let bad = findings.filter { $0.severity == .error }.count
                errors += bad
                print(zh ? "\(file)：\(bank.id) 第\(bank.version)版，\(bank.questions.count) 题，\(bad) 个错误"
                    : "\(file): \(bank.id) v\(bank.version), \(bank.questions.count) questions, \(bad) errors")
            }
            print(zh ? "共 \(files.count) 个题库、\(questions) 题，\(errors) 个错误" : "\(files.count) banks, \(questions) questions, \(errors) errors")
            if errors > 0 { throw ExitCode.failure }
        }
    }
}
