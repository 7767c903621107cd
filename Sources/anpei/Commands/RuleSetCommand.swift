import AnpeiWire
import ArgumentParser
import Foundation
import Yams

/// `anpei ruleset …`: the certificate rule sets and catalogue versions (data,
/// not code; DOMAIN.md "Certificate rules"). Adding one needs an administrator.
struct RuleSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ruleset", abstract: "特种作业规则与目录 / certificate rule sets and catalogues",
        subcommands: [List.self, Add.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出规则 / list the rule sets")
        @OptionGroup var o: RecordOptions
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let sets = try await api.get("v1/rule-sets", as: [RuleSetView].self)
            if o.output.json {
                print(try JSONOutput.encode(sets))
                return
            }
            let columns: [Column<RuleSetView>] = [
                Column("编号", "id", \.id), Column("施行日期", "effective", \.effectiveFrom),
                Column("有效期（年）", "validity (y)", value: { String($0.validityYears) }),
                Column("复审间隔（年）", "review (y)", value: { String($0.reviewIntervalYears) }),
                Column("目录", "catalogue", \.catalogueVersion), Column("名称", "name", \.name),
            ]
            print(Table.render(sets, columns: columns, language: o.output.language))
        }
    }

    /// Reads a YAML or JSON file shaped like `RuleSetInput` (see
    /// db/reference/rule-sets/ for the shipped MEM-30 set as an example).
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "添加规则（及目录）/ add a rule set, with its catalogue if new")
        @OptionGroup var o: RecordOptions
        @Argument(help: "YAML or JSON file") var file: String
        func run() async throws {
            let zh = o.output.language == .zh
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)")
            }
            let input: RuleSetInput
            do {
                input = try YAMLDecoder().decode(RuleSetInput.self, from: data)  // JSON is YAML too
            } catch {
                throw CLIError.message((zh ? "规则文件格式有误：" : "the rule set file is malformed: ") + String(describing: error))
            }
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/rule-sets", body: input, as: RuleSetView.self)
            try RecordCLI.printRecord(view, o)
        }
    }
}
