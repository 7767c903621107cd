import AnpeiDomain
import AnpeiService
import AnpeiWire
import ArgumentParser
import Foundation
import Yams

/// `anpei bank import|export|list|show|stats`: banks on the server (issue 12).
/// Files are read here (YAML, GIFT, Moodle XML, the Chinese question sheet)
/// and sent as one bank; the server lints, versions and stores it.
extension BankCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json, gift, moodle, sheet
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入题库（幂等，题目变更生成新版本）/ import a bank (idempotent, versioned)")
        @OptionGroup var o: RecordOptions
        @Argument(help: "bank files") var files: [String]
        @Option(help: "yaml (default), gift, moodle or sheet (题型/题干/选项A…F/答案/解析/难度 CSV)") var format: Format = .yaml
        @Option(help: "bank id (gift, moodle, sheet)") var id: String?
        @Option(help: "bank title (gift, moodle, sheet)") var title: String?
        @Option(help: "scope: wave_sector, special_operation, three_violations, evacuation, general") var scope: String = "general"
        @Option(help: "special-operations item code for the scope, e.g. 1.2") var item: String?

        func run() async throws {
            let zh = o.output.language == .zh
            let api = try APIClient.signedIn(o.client, o.output)
            var results: [BankImportResult] = []
            for file in files {
                let bank = try BankFiles.read(file, format: format, id: id, title: title, scope: scope, item: item, zh: zh)
                let result = try await api.send("POST", "v1/banks", body: bank, as: BankImportResult.self)
                results.append(result)
                if !o.output.json {
                    print(zh ? "\(file)：\(result.bankId) \(result.newVersion ? "新版本" : "未变更") 第\(result.version)版（新增\(result.added)、修订\(result.revised)、删除\(result.removed)、未变\(result.unchanged)）"
                        : "\(file): \(result.bankId) \(result.newVersion ? "new version" : "unchanged") v\(result.version) (added \(result.added), revised \(result.revised), removed \(result.removed), unchanged \(result.unchanged))")
                    for w in result.warnings { print("  \(w)") }
                }
            }
            if o.output.json { print(try JSONOutput.encode(results)) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出题库 / export a bank (yaml, json, gift, moodle)")
        @OptionGroup var o: RecordOptions
        @Argument(help: "bank id") var id: String
        @Option(help: "yaml (default), json, gift or moodle") var format: Format = .yaml
        @Option(help: "bank version (default: current)") var version: Int?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let query = version.map { [URLQueryItem(name: "version", value: String($0))] } ?? []
            let bank = try await api.get("v1/banks/\(id)", query: query, as: QuestionBank.self)
            switch format {
            case .yaml: print(try YAMLEncoder().encode(bank), terminator: "")
            case .json: print(try JSONOutput.encode(bank))
            case .gift: print(GIFT.export(bank.questions, category: bank.title), terminator: "")
            case .moodle: print(MoodleXML.export(bank.questions, category: bank.title), terminator: "")
            case .sheet: throw CLIError.message("sheet is an import format")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出题库 / list banks")
        @OptionGroup var o: RecordOptions
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let banks = try await api.get("v1/banks", as: [BankSummary].self)
            if o.output.json { return print(try JSONOutput.encode(banks)) }
            print(Table.render(banks, columns: [
                Column("编号", "id", \.id), Column("名称", "title", \.title), Column("适用", "scope", value: { [$0.scopeKind, $0.scopeItem ?? $0.scopeSector ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }),
                Column("版本", "version", value: { String($0.version) }), Column("题数", "questions", value: { String($0.questionCount) }),
            ], language: o.output.language))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "题库概况 / a bank: questions per type and knowledge point")
        @OptionGroup var o: RecordOptions
        @Argument(help: "bank id") var id: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let bank = try await api.get("v1/banks/\(id)", as: QuestionBank.self)
            if o.output.json { return print(try JSONOutput.encode(bank)) }
            let zh = o.output.language == .zh
            print("\(bank.id)  \(bank.title)  v\(bank.version)  \(bank.questions.count)\(zh ? " 题" : " questions")")
            let rows = bank.knowledgePoints.map { kp -> [String] in
                let qs = bank.questions.filter { $0.knowledgePoints.contains(kp.id) }
                return [kp.id, kp.title] + Question.Kind.allCases.map { k in String(qs.count { $0.type == k }) }
            }
            print(Table.render(rows, columns: [
                Column("知识点", "point", value: { $0[0] }), Column("名称", "title", value: { $0[1] }),
                Column("单选", "single", value: { $0[2] }), Column("多选", "multiple", value: { $0[3] }), Column("判断", "true/false", value: { $0[4] }),
            ], language: o.output.language))
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "题目分析（难度、区分度、点双列相关、α）/ item analysis")
        @OptionGroup var o: RecordOptions
        @Argument(help: "bank id") var id: String
        @Option(help: "bank version (default: current)") var version: Int?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let query = version.map { [URLQueryItem(name: "version", value: String($0))] } ?? []
            let stats = try await api.get("v1/banks/\(id)/stats", query: query, as: ExamStats.self)
            if o.output.json { return print(try JSONOutput.encode(stats)) }
            let zh = o.output.language == .zh
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
            print(Table.render(stats.items, columns: [
                Column("题目", "question", \.questionId), Column("作答", "answered", value: { String($0.answered) }),
                Column("难度p", "p", value: { f($0.p) }), Column("区分度D", "D", value: { f($0.d) }), Column("点双列r", "r", value: { f($0.pointBiserial) }),
                Column("选项分布", "options", value: { $0.options.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ") }),
                Column("提示", "flags", value: { $0.flags.joined(separator: ",") }),
            ], language: o.output.language))
            print(zh ? "\(stats.bankId) 第\(stats.version)版：\(stats.attempts) 份答卷，α（KR-20）= \(f(stats.alpha))"
                : "\(stats.bankId) v\(stats.version): \(stats.attempts) attempts, alpha (KR-20) = \(f(stats.alpha))")
        }
    }
}

/// Reads a bank from any supported file format.
enum BankFiles {
    static func read(_ file: String, format: BankCommand.Format, id: String?, title: String?, scope: String, item: String?, zh: Bool) throws -> QuestionBank {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)") }
        if format == .yaml || format == .json {
            do {
                return try BankFile.decode(data)
            } catch {
                throw CLIError.message((zh ? "题库文件格式有误：" : "the bank file is malformed: ") + String(describing: error))
            }
        }
        let result: InterchangeResult
        do {
            switch format {
            case .gift: result = try GIFT.parse(data)
            case .moodle: result = try MoodleXML.parse(data)
            default: result = try QuestionSheet.parse(data, idPrefix: id ?? "sheet")
            }
        } catch {
            throw CLIError.message(error.description)
        }
        for w in result.warnings { FileHandle.standardError.write(Data(((zh ? w.zh : w.en) + "\n").utf8)) }
        guard let id else { throw CLIError.message(zh ? "请用 --id 指定题库编号" : "give the bank id with --id") }
        let points = Array(Set(result.questions.flatMap(\.knowledgePoints))).sorted().map { QuestionBank.KnowledgePoint(id: $0, title: $0) }
        return QuestionBank(id: id, title: title ?? result.category ?? id, version: 1, scope: .init(kind: scope, item: item),
                            knowledgePoints: points, questions: result.questions)
    }
}
