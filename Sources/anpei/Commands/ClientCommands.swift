import AnpeiDomain
import AnpeiWire
import ArgumentParser
import Foundation

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "登录服务器并保存令牌 / sign in and save the token (password from TTY or stdin)")
    @OptionGroup var client: ClientOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "username") var username: String

    func run() async throws {
        let zh = output.language == .zh
        let server = client.resolvedServer ?? "http://127.0.0.1:8080"
        guard let password = Terminal.readSecret(prompt: zh ? "密码：" : "Password: ") else {
            throw CLIError.message(zh ? "未读到密码" : "no password given")
        }
        let api = try APIClient(server: server, token: nil, language: output.language)
        let reply = try await api.send(
            "POST", "v1/auth/login", body: LoginRequest(username: username, password: password), as: LoginResponse.self)
        try CredentialStore.save(Credentials(
            server: server, username: reply.user.username, token: reply.token, expiresAt: reply.expiresAt))
        if output.json {
            print(try JSONOutput.encode(reply.user))
        } else {
            let until = ISO8601DateFormatter().string(from: reply.expiresAt)
            print(zh ? "已登录为 \(reply.user.username)，令牌有效至 \(until)。" : "Signed in as \(reply.user.username) until \(until).")
        }
    }
}

struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "注销并删除本地令牌 / sign out")
    @OptionGroup var client: ClientOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let zh = output.language == .zh
        guard let saved = CredentialStore.load() else {
            print(zh ? "当前未登录。" : "Not signed in.")
            return
        }
        let api = try APIClient(server: client.resolvedServer ?? saved.server, token: saved.token, language: output.language)
        do {
            try await api.sendNoReply("POST", "v1/auth/logout")
        } catch let problem as Problem where problem.status == 401 {
            // Already expired or revoked on the server: nothing left to revoke.
        }
        CredentialStore.delete()
        print(zh ? "已注销。" : "Signed out.")
    }
}

struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "显示当前登录账户 / show the signed-in account")
    @OptionGroup var client: ClientOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let zh = output.language == .zh
        guard let saved = CredentialStore.load() else {
            throw CLIError.message(zh ? "当前未登录，请先运行 anpei login" : "not signed in; run anpei login")
        }
        let api = try APIClient(server: client.resolvedServer ?? saved.server, token: saved.token, language: output.language)
        let me = try await api.get("v1/me", as: User.self)
        if output.json {
            print(try JSONOutput.encode(me))
            return
        }
        let scope = me.regionCode ?? me.institutionId ?? me.enterpriseId ?? (zh ? "全部" : "all")
        let rows: [[String]] = [
            [zh ? "用户名" : "username", me.username],
            [zh ? "姓名" : "name", me.displayName.isEmpty ? "-" : me.displayName],
            [zh ? "角色" : "role", me.role.label.text(output.language)],
            [zh ? "范围" : "scope", scope],
            [zh ? "服务器" : "server", api.baseURL.absoluteString],
            [zh ? "令牌有效至" : "token expires", ISO8601DateFormatter().string(from: saved.expiresAt)],
        ]
        print(Table.render(headers: zh ? ["项目", "值"] : ["field", "value"], rows: rows))
    }
}
