import AnpeiDomain
import AnpeiService
import AnpeiWire
import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "CSV 批量导入 / bulk import from CSV",
        subcommands: [ImportFile.self, Template.self], defaultSubcommand: ImportFile.self)

    /// `anpei import people FILE`: uploads through the API as the signed-in
    /// user; with `--direct`, runs server-side as the operator (database access
    /// needed) and shows validation and load progress.
    struct ImportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "导入文件：anpei import <regions|enterprises|people|institutions> FILE")
        @Argument(help: "regions | enterprises | people | institutions | certificates") var kind: String
        @Argument(help: "CSV file (UTF-8, UTF-8 with BOM, GBK/GB18030)") var file: String
        @Flag(name: .customLong("dry-run"), help: "validate and count, write nothing") var dryRun = false
        @Flag(help: "run server-side with the database (operator), not through the API") var direct = false
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let zh = output.language == .zh
            guard let kind = ImportKind(rawValue: kind) else {
                throw ValidationError(zh ? "导入类型应为 regions、enterprises、people、institutions 或 certificates" : "kind must be regions, enterprises, people, institutions or certificates")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)")
            }
            let progress = Progress(enabled: Terminal.stderrIsTTY && !output.json, zh: zh)
            let started = Date()
            let report: ImportReport
            if direct {
                report = try await ServerSide.withServices(db) { services in
                    // Read from the file a block at a time: memory stays bounded (issue 9 §2).
                    try await services.imports.run(
                        ServerSide.operatorPrincipal, kind: kind, source: .file(file), dryRun: dryRun, language: output.language,
                        maxBytes: 2 << 30, progress: { phase, done, total in progress.update(phase, done, total) })
                }
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError.message(zh ? "无法读取文件 \(file)" : "cannot read \(file)")
                }
                let api = try APIClient.signedIn(client, output)
                progress.update("upload", 0, data.count)
                report = try await api.send(
                    "POST", "v1/imports/\(kind.rawValue)", query: [URLQueryItem(name: "dryRun", value: dryRun ? "true" : nil)],
                    data: data, contentType: "text/csv", timeout: 600, as: ImportReport.self)
            }
            progress.finish()
            let seconds = Date().timeIntervalSince(started)
            if output.json {
                print(try JSONOutput.encode(report))
            } else {
                Self.printReport(report, seconds: seconds, zh: zh)
            }
            if !report.accepted { throw ExitCode.failure }
        }

        static func printReport(_ r: ImportReport, seconds: Double, zh: Bool) {
            let c = r.counts
            let verdict: String
            if !r.accepted {
                verdict = zh ? "校验未通过，未写入任何数据" : "rejected; nothing was written"
            } else if r.dryRun {
                verdict = zh ? "试运行通过（未写入）" : "dry run passed (nothing written)"
            } else {
                verdict = zh ? "导入完成" : "imported"
            }
            print("\(verdict)：\(r.rows) \(zh ? "行" : "rows")，\(r.encoding.rawValue)，\(String(format: "%.1f", seconds)) s")
            if r.accepted {
                var line = zh ? "新增 \(c.created)，更新 \(c.updated)，未变 \(c.unchanged)" : "created \(c.created), updated \(c.updated), unchanged \(c.unchanged)"
                if r.kind == .people {
                    line += zh ? "；任职新增 \(c.employmentsCreated)，更新 \(c.employmentsUpdated)"
                        : "; employments created \(c.employmentsCreated), updated \(c.employmentsUpdated)"
                }
                print(line)
            }
            if !r.errors.isEmpty {
                print(Table.render(
                    headers: zh ? ["行", "列", "问题", "代码"] : ["row", "column", "problem", "code"],
                    rows: r.errors.map { [String($0.row), $0.column, $0.message, $0.code] }))
            }
        }
    }

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "打印导入模板 / print an import template")
        @Argument(help: "regions | enterprises | people | institutions | certificates") var kind: String
        @Option(help: "header language zh or en") var lang: String = "zh"

        func run() async throws {
            guard let kind = ImportKind(rawValue: kind) else {
                throw ValidationError("导入类型应为 regions、enterprises、people、institutions 或 certificates")
            }
            FileHandle.standardOutput.write(Data(ImportSchema.template(kind, language: Language(rawValue: lang) ?? .zh).utf8))
        }
    }
}

/// A one-line progress display on stderr (only on a TTY).
final class Progress: @unchecked Sendable {
    let enabled: Bool
    let zh: Bool
    private let lock = NSLock()
    private var last = Date.distantPast

    init(enabled: Bool, zh: Bool) {
        self.enabled = enabled
        self.zh = zh
    }

    func update(_ phase: String, _ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(last) > 0.1 || done == total else { return }
        last = Date()
        let names = ["parse": zh ? "解析" : "parse", "validate": zh ? "读取并校验" : "read and validate", "load": zh ? "写入" : "load",
                     "upload": zh ? "上传并由服务器处理" : "upload and server processing"]
        let pct = total > 0 ? Int(Double(done) / Double(total) * 100) : 0
        let width = 30
        let filled = total > 0 ? width * done / max(total, 1) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        // "validate" counts bytes of the file (its rows are not known before the end).
        let amount = phase == "validate" ? "\(done >> 20)/\(total >> 20) MiB" : "\(done)/\(total)"
        let text = phase == "upload" ? "\r\(names[phase]!)…" : "\r\(names[phase] ?? phase) \(bar) \(pct)% (\(amount))"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
