import AnpeiService
import ArgumentParser
import Foundation
import Logging

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "服务器端账户管理 / server-side account administration", subcommands: [CreateUser.self])

    /// Bootstrap: creates an account directly through the service layer (as
    /// the operator), for the first admin. The password is read from a TTY
    /// prompt or from standard input, never from the command line.
    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-user",
            abstract: "创建账户（密码从终端提示或标准输入读取）/ create an account (password from TTY or stdin)")

        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "username") var username: String
        @Option(help: "admin | regulator | institution | enterprise") var role: String = "admin"
        @Option(name: .customLong("display-name"), help: "display name") var displayName: String?
        @Option(name: .customLong("region-code"), help: "regulator's division code") var regionCode: String?
        @Option(name: .customLong("institution-id"), help: "institution user's institution") var institutionID: String?
        @Option(name: .customLong("enterprise-id"), help: "enterprise user's enterprise") var enterpriseID: String?
        @Option(name: .customLong("person-id"), help: "worker's own person record") var personID: String?
        @Flag(name: .customLong("if-not-exists"), help: "succeed without change when the username exists")
        var ifNotExists = false

        func run() async throws {
            let zh = output.language == .zh
            try await ServerSide.withServices(db) { services in try await create(services, zh: zh) }
        }

        private func create(_ services: Services, zh: Bool) async throws {
            let call = ServerSide.operatorPrincipal
            if ifNotExists, try await services.users.exists(call, username: username) {
                print(zh ? "用户 \(username) 已存在，未作更改。" : "User \(username) exists; nothing changed.")
                return
            }
            guard let password = Terminal.readSecret(prompt: zh ? "新密码：" : "New password: ") else {
                throw CLIError.message(zh ? "未读到密码" : "no password given")
            }
            if Terminal.stdinIsTTY {
                let again = Terminal.readSecret(prompt: zh ? "再次输入：" : "Again: ")
                guard again == password else { throw CLIError.message(zh ? "两次输入的密码不一致" : "passwords differ") }
            }
            let user = try await services.users.create(call, .init(
                username: username, displayName: displayName, role: role, regionCode: regionCode,
                institutionId: institutionID, enterpriseId: enterpriseID, personId: personID, password: password))
            if output.json {
                print(try JSONOutput.encode(user))
            } else {
                print(zh ? "已创建用户 \(user.username)（\(user.role.label.zh)），编号 \(user.id)"
                    : "Created user \(user.username) (\(user.role.rawValue)), id \(user.id)")
            }
        }
    }
}
