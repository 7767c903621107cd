import AnpeiDomain
import AnpeiService
import ArgumentParser
import Foundation
import Yams

extension DemoCommand {
    /// The question banks of `question-banks/` and their blueprints, server-side
    /// (as `anpei bank import` and `anpei blueprint save` do through the API).
    /// Idempotent: unchanged banks make no new version.
    struct Exams: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入题库与试卷蓝图 / load the question banks and blueprints in git")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "folder of bank files") var banks: String = "question-banks"

        func run() async throws {
            let folder = URL(fileURLWithPath: banks)
            let bankFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            let blueprintFolder = folder.appendingPathComponent("blueprints")
            let blueprintFiles = (try? FileManager.default.contentsOfDirectory(atPath: blueprintFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()) ?? []
            try await ServerSide.withServices(db) { services in
                let call = ServerSide.operatorPrincipal
                for file in bankFiles {
                    let bank = try BankFile.decode(try Data(contentsOf: folder.appendingPathComponent(file)))
                    let r = try await services.banks.importBank(call, bank)
                    print("\(r.bankId): v\(r.version)\(r.newVersion ? " (new)" : ""), \(bank.questions.count) questions")
                }
                for file in blueprintFiles {
                    let input = try YAMLDecoder().decode(BlueprintView.self, from: try Data(contentsOf: blueprintFolder.appendingPathComponent(file)))
                    let saved = try await services.blueprints.save(call, input)
                    print("blueprint \(saved.view.id)\(saved.changed ? " (saved)" : "")")
                }
            }
        }
    }
}
