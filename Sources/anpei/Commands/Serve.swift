import AnpeiAPI
import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore

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

    @Option(name: .customLong("trusted-proxies"),
            help: "proxies whose X-Forwarded-For is believed: addresses or CIDR blocks, comma-separated (env ANPEI_TRUSTED_PROXIES, default none)")
    var trustedProxies: String?

    @Option(name: .customLong("idle-timeout"), help: "close a keep-alive connection idle this long (env ANPEI_IDLE_TIMEOUT, default 60s)")
    var idleTimeout: String?

    @Option(name: .customLong("header-timeout"), help: "a request head must arrive within this (env ANPEI_HEADER_TIMEOUT, default 10s)")
    var headerTimeout: String?

    @Option(name: .customLong("read-timeout"), help: "longest pause while a request body arrives (env ANPEI_READ_TIMEOUT, default 30s)")
    var readTimeout: String?

    @Option(name: .customLong("max-connections"),
            help: "open connections at most (env ANPEI_MAX_CONNECTIONS, default 4096 or what the open-files limit allows)")
    var maxConnections: Int?

    @Flag(help: "apply pending migrations before serving")
    var migrate = false

    @Option(help: "migrations directory (env ANPEI_MIGRATIONS_DIR, default ./db/migrations)")
    var migrations: String?

    func run() async throws {
        let level = try LogSetup.bootstrap(level: logLevel)
        var logger = Logger(label: "anpei") { JSONLogHandler(label: $0, level: level) }
        logger.logLevel = level
        let listenText = listen ?? Env.get("ANPEI_LISTEN") ?? "127.0.0.1:8080"
        guard var api = APIConfig(listen: listenText) else {
            throw ValidationError("监听地址无效：\(listenText)（应为 host:port）")
        }
        switch TrustedProxies.parse(trustedProxies ?? Env.get("ANPEI_TRUSTED_PROXIES") ?? "") {
        case .success(let proxies): api.trustedProxies = proxies
        case .failure(let e): throw ValidationError("可信代理地址无效：\(e.entry)（应为 IP 地址或 CIDR，如 127.0.0.1,10.0.0.0/8）")
        }
        ConnectionLimits.raiseOpenFilesLimit()
        func timeout(_ flag: String?, _ env: String, _ fallback: TimeAmount) throws -> TimeAmount {
            guard let text = flag ?? Env.get(env) else { return fallback }
            guard let d = parseDuration(text), d > .zero else { throw ValidationError("\(env) 无效：\(text)（如 30s、2m）") }
            return .seconds(d.components.seconds)
        }
        api.limits.idleTimeout = try timeout(idleTimeout, "ANPEI_IDLE_TIMEOUT", api.limits.idleTimeout)
        api.limits.headerTimeout = try timeout(headerTimeout, "ANPEI_HEADER_TIMEOUT", api.limits.headerTimeout)
        api.limits.readTimeout = try timeout(readTimeout, "ANPEI_READ_TIMEOUT", api.limits.readTimeout)
        api.limits.maxConnections = maxConnections ?? Env.get("ANPEI_MAX_CONNECTIONS").flatMap { Int($0) }
            ?? ConnectionLimits.defaultMaxConnections
        guard api.limits.maxConnections > 0 else { throw ValidationError("ANPEI_MAX_CONNECTIONS 须为正整数") }
        let ttlText = tokenTTL ?? Env.get("ANPEI_TOKEN_TTL") ?? "12h"
        guard let ttl = parseDuration(ttlText) else {
            throw ValidationError("令牌有效期无效：\(ttlText)（如 12h、90m、3600）")
        }
        if migrate {
            let dir = try Migrator.locateDirectory(explicit: migrations)
            let migrator = Migrator(migrations: try Migration.load(from: dir))
            let conn = try PGConnection(conninfo: db.resolvedURL)
            let applied = try migrator.migrate(conn)
            let divisionsDir = DivisionLoader.directory(besideMigrations: dir)
            let divisions = FileManager.default.fileExists(atPath: divisionsDir.path)
                ? try DivisionLoader(conn).load(directory: divisionsDir, actor: ServerSide.operatorActor)
                : DivisionLoader.Outcome(digest: "", loaded: false)
            logger.info("migrations applied", metadata: ["count": "\(applied.count)", "divisions_loaded": "\(divisions.loaded)"])
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
