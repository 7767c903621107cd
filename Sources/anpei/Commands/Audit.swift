import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation
import Logging

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "审计日志 / audit log", subcommands: [Verify.self, Anchor.self])

    /// The key the service signs with (the same file `anpei serve` uses).
    struct KeyOptions: ParsableArguments {
        @Option(name: .customLong("signing-key-file"),
                help: "Ed25519 key of the service (env ANPEI_SIGNING_KEY_FILE, default .anpei/signing.key)")
        var signingKeyFile: String?

        func load() throws -> SigningKey {
            let path = signingKeyFile ?? Env.get("ANPEI_SIGNING_KEY_FILE") ?? ".anpei/signing.key"
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError.message("找不到签名密钥文件 / no signing key file: \(path)")
            }
            return try SigningKeyFile.loadOrCreate(path)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重新计算审计日志哈希链 / recompute the audit hash chain (with --anchor: also detect a truncated tail)")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var key: KeyOptions
        @Option(help: "an anchor file written by `anpei audit anchor`") var anchor: String?

        func run() async throws {
            let zh = output.language == .zh
            let showProgress = Terminal.stderrIsTTY && !output.json
            var anchored: AuditAnchor?
            if let anchor {
                guard let data = FileManager.default.contents(atPath: anchor),
                      let decoded = try? JSONDecoder().decode(AuditAnchor.self, from: data) else {
                    throw CLIError.message(zh ? "无法读取锚点文件 \(anchor)" : "cannot read the anchor file \(anchor)")
                }
                anchored = decoded
            }
            let result = try await ServerSide.withServices(db, signingKey: anchored == nil ? nil : try key.load()) { services in
                try await services.audit.verify(ServerSide.operatorPrincipal, anchor: anchored) { n in
                    if showProgress { FileHandle.standardError.write(Data("\r\(zh ? "已校验" : "checked") \(n)".utf8)) }
                }
            }
            if showProgress { Terminal.err("") }
            if output.json {
                let bad = result.firstBadRow.map(String.init) ?? "null"
                let reason = result.reason.map { "\"\($0.replacingOccurrences(of: "\"", with: "'"))\"" } ?? "null"
                print("{\"ok\":\(result.firstBadRow == nil),\"rowsChecked\":\(result.rowsChecked),\"firstBadRow\":\(bad),\"reason\":\(reason)}")
            } else if let bad = result.firstBadRow {
                print(zh ? "审计日志校验失败：第 \(bad) 行不匹配（\(result.reason ?? "")）；此前 \(result.rowsChecked) 行完好。"
                    : "Audit chain broken at row \(bad) (\(result.reason ?? "")); \(result.rowsChecked) rows before it are intact.")
            } else {
                let tail = anchored.map { zh ? "，含锚点（第 \($0.lastRow) 行，\($0.at)）" : ", anchor (row \($0.lastRow), \($0.at)) matches" } ?? ""
                print(zh ? "审计日志完好：已校验 \(result.rowsChecked) 行\(tail)。" : "Audit chain intact: \(result.rowsChecked) rows checked\(tail).")
            }
            if result.firstBadRow != nil { throw ExitCode.failure }
        }
    }

    /// Writes a signed checkpoint of the chain's tail into a folder an operator
    /// copies off the machine (deploy/anpei-audit-anchor.timer runs it daily).
    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "写入签名的审计日志锚点 / write a signed checkpoint of the audit chain's tail")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var key: KeyOptions
        @Option(help: "folder for the anchor files (env ANPEI_ANCHOR_DIR, default .anpei/anchors)") var out: String?

        func run() async throws {
            let zh = output.language == .zh
            let anchor = try await ServerSide.withServices(db, signingKey: try key.load()) { services in
                try await services.audit.anchor(ServerSide.operatorPrincipal)
            }
            let folder = out ?? Env.get("ANPEI_ANCHOR_DIR") ?? ".anpei/anchors"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let stamp = anchor.at.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            let path = (folder as NSString).appendingPathComponent("audit-anchor-\(stamp)-\(anchor.lastRow).json")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard FileManager.default.createFile(atPath: path, contents: try encoder.encode(anchor), attributes: [.posixPermissions: 0o644]) else {
                throw CLIError.message(zh ? "无法写入 \(path)" : "cannot write \(path)")
            }
            if output.json {
                print(String(decoding: try encoder.encode(anchor), as: UTF8.self))
            } else {
                print(zh ? "已写入锚点 \(path)（第 \(anchor.lastRow) 行）" : "anchor written: \(path) (row \(anchor.lastRow))")
            }
        }
    }
}
