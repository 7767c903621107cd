import AnpeiWire
import ArgumentParser
import Foundation
import Yams

/// `anpei blueprint list|show|save`: exam blueprints (issue 12).
struct BlueprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blueprint", abstract: "试卷蓝图 / exam blueprints", subcommands: [List.self, Show.self, Save.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出试卷蓝图 / list blueprints")
        @OptionGroup var o: RecordOptions
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let list = try await api.get("v1/blueprints", as: [BlueprintView].self)
            if o.output.json { return print(try JSONOutput.encode(list)) }
            print(Table.render(list, columns: [
                Column("编号", "id", \.id), Column("名称", "title", \.title), Column("类别", "kind", \.kind), Column("题库", "bank", \.bank),
                Column("总分", "points", value: { $0.totalPoints.map { String(format: "%g", $0) } ?? "" }),
                Column("合格", "pass", value: { $0.passMark.map { String(format: "%g", $0) } ?? "" }),
                Column("时长(分)", "minutes", value: { $0.timeLimitMinutes.map(String.init) ?? "" }),
            ], language: o.output.language))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看试卷蓝图 / show a blueprint")
        @OptionGroup var o: RecordOptions
        @Argument(help: "blueprint id") var id: String
        func run() async throws { try await RecordCLI.show(o, path: "v1/blueprints/\(id)", as: BlueprintView.self) }
    }

    /// A YAML or JSON file shaped like `BlueprintView` (question-banks/blueprints/ has the shipped ones).
    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "保存试卷蓝图（题库不满足时报告缺口）/ save blueprints (refused naming the unmet quota)")
        @OptionGroup var o: RecordOptions
        @Argument(help: "YAML or JSON files") var files: [String]
        func run() async throws {
            let zh = o.output.language == .zh
            let api = try APIClient.signedIn(o.client, o.output)
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
                let input: BlueprintView
                do {
                    input = try YAMLDecoder().decode(BlueprintView.self, from: data)
                } catch {
                    throw CLIError.message((zh ? "蓝图文件格式有误：" : "the blueprint file is malformed: ") + String(describing: error))
                }
                let saved = try await api.send("POST", "v1/blueprints", body: input, as: BlueprintView.self)
                if o.output.json { print(try JSONOutput.encode(saved)) } else {
                    print(zh ? "\(file)：已保存 \(saved.id)（总分 \(saved.totalPoints ?? 0)，合格 \(saved.passMark ?? 0)，\(saved.timeLimitMinutes ?? 0) 分钟）"
                        : "\(file): saved \(saved.id) (\(saved.totalPoints ?? 0) points, pass \(saved.passMark ?? 0), \(saved.timeLimitMinutes ?? 0) min)")
                }
            }
        }
    }
}
