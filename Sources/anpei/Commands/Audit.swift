import AnpeiService
import ArgumentParser
import Foundation
import Logging

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "审计日志 / audit log", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重新计算审计日志哈希链 / recompute the audit hash chain")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let zh = output.language == .zh
            let showProgress = Terminal.stderrIsTTY && !output.json
            let result = try await ServerSide.withServices(db) { services in
                try await services.audit.verify(ServerSide.operatorPrincipal) { n in
                    if showProgress { FileHandle.standardError.write(Data("\r\(zh ? "已校验" : "checked") \(n)".utf8)) }
                }
            }
            if showProgress { Terminal.err("") }
            if output.json {
                let bad = result.firstBadRow.map(String.init) ?? "null"
                print("{\"ok\":\(result.firstBadRow == nil),\"rowsChecked\":\(result.rowsChecked),\"firstBadRow\":\(bad)}")
            } else if let bad = result.firstBadRow {
                print(zh ? "审计日志校验失败：第 \(bad) 行不匹配（\(result.reason ?? "")）；此前 \(result.rowsChecked) 行完好。"
                    : "Audit chain broken at row \(bad) (\(result.reason ?? "")); \(result.rowsChecked) rows before it are intact.")
            } else {
                print(zh ? "审计日志完好：已校验 \(result.rowsChecked) 行。" : "Audit chain intact: \(result.rowsChecked) rows checked.")
            }
            if result.firstBadRow != nil { throw ExitCode.failure }
        }
    }
}
