import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiWire
import ArgumentParser
import Foundation

/// An error message for the user; the command exits with status 1.
enum CLIError: Error {
    case message(String)
}

enum ErrorPrinter {
    /// Prints an error as the user should see it, in their language.
    static func print(_ error: any Error, language: Language) {
        let prefix = language == .zh ? "错误：" : "error: "
        switch error {
        case CLIError.message(let m):
            Terminal.err(prefix + m)
        case let problem as Problem:
            Terminal.err(prefix + problem.detail + " [\(problem.code)]")
            for item in problem.errors ?? [] {
                let at = item.row.map { language == .zh ? "第\($0)行 " : "row \($0) " } ?? ""
                Terminal.err("  - \(at)\(item.field): \(item.message) [\(item.code)]")
            }
        case let migration as MigrationError:
            Terminal.err(prefix + migration.description)
        case StoreError.connection(let message):
            Terminal.err(prefix + (language == .zh ? "无法连接数据库：" : "cannot connect to the database: ") + message)
        default:
            if let service = ServiceError.from(error) {
                Terminal.err(prefix + service.message.text(language) + " [\(service.code)]")
                if case .validation(let items) = service {
                    for item in items {
                        let at = item.row.map { language == .zh ? "第\($0)行 " : "row \($0) " } ?? ""
                        Terminal.err("  - \(at)\(item.field): \(item.message.text(language)) [\(item.code)]")
                    }
                }
                if case .conflict(_, let field?, _) = service { Terminal.err("  - \(field)") }
            } else {
                Terminal.err(prefix + String(describing: error))
            }
        }
    }
}
