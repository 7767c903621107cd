import AnpeiAPI
import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "启动 JSON API 服务 / run the HTTP API")

    @OptionGroup var db: DatabaseOptions

    @Option(help: "listen address host:port (env ANPEI_LISTEN, default 127.0.0.1:8080)")
    var listen: String?

    @Option(name: .customLong("log-level"), help: "trace…critical (env ANPEI_LOG_LEVEL, default info)")
    var logLevel: String?

    @Option(name: .customLong("token-ttl"), help: "bearer token lifetime, e.g. 12h, 90m (env ANPEI_TOKEN_TTL, default 12h)")
    var tokenTTL: String?

    @Option(name: .customLong("signing-key-file"),
            help: "Ed25519 key for signed certificate statements (env ANPEI_SIGNING_KEY_FILE, default .anpei/signing.key; created if missing)")
    var signingKeyFile: String?

    @Flag(help: "apply pending migrations before serving")
    var migrate = false

    @Option(help: "migrations directory (env ANPEI_MIGRATIONS_DIR, default ./db/migrations)")
    var migrations: String?

    func run() async throws {
        let level = try LogSetup.bootstrap(level: logLevel)
        var logger = Logger(label: "anpei") { JSONLogHandler(label: $0, level: level) }
        logger.logLevel = level
        let listenText = listen ?? Env.get("ANPEI_LISTEN") ?? "127.0.0.1:8080"
        guard let api = APIConfig(listen: listenText) else {
            throw ValidationError("监听地址无效：\(listenText)（应为 host:port）")
        }
        let ttlText = tokenTTL ?? Env.get("ANPEI_TOKEN_TTL") ?? "12h"
        guard let ttl = parseDuration(ttlText) else {
            throw ValidationError("令牌有效期无效：\(ttlText)（如 12h、90m、3600）")
        }
        if migrate {
            let dir = try Migrator.locateDirectory(explicit: migrations)
            let migrator = Migrator(migrations: try Migration.load(from: dir))
            let conn = try PGConnection(conninfo: db.resolvedURL)
            let applied = try migrator.migrate(conn)
            logger.info("migrations applied", metadata: ["count": "\(applied.count)"])
        }
        let keyPath = signingKeyFile ?? Env.get("ANPEI_SIGNING_KEY_FILE") ?? ".anpei/signing.key"
        let key = try SigningKeyFile.loadOrCreate(keyPath)
        let services = try ServerSide.services(db, logger: logger, tokenTTL: ttl, signingKey: key)
        logger.info("starting", metadata: ["listen": "\(api.host):\(api.port)", "token_ttl_s": "\(ttl.components.seconds)"])
        let app = buildApplication(services: services, config: api, logger: logger)
        try await app.runService()
    }
}

/// The signing key on disk: base64 of the 32-byte seed, mode 0600.
enum SigningKeyFile {
    static func loadOrCreate(_ path: String) throws -> SigningKey {
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let raw = Data(base64Encoded: text), let key = SigningKey(raw: raw) else {
                throw CLIError.message("签名密钥文件格式不正确：\(path)")
            }
            return key
        }
        let key = SigningKey()
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.raw.base64EncodedString().utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CLIError.message("无法写入签名密钥文件：\(path)")
        }
        return key
    }
}
