import AnpeiDomain
import ArgumentParser
import Foundation
import Logging

/// Every setting resolves as flag > `ANPEI_*` environment variable > default.
enum Env {
    static func get(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }
}

struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"),
            help: "libpq connection string or URI (env ANPEI_DATABASE_URL; empty: libpq's PG* variables)")
    var databaseURL: String?

    @Option(name: .customLong("pool-size"), help: "database connections (env ANPEI_DB_POOL_SIZE, default 8)")
    var poolSize: Int?

    var resolvedURL: String { databaseURL ?? Env.get("ANPEI_DATABASE_URL") ?? "" }

    func resolvedPoolSize() throws -> Int {
        let raw = poolSize ?? Env.get("ANPEI_DB_POOL_SIZE").flatMap(Int.init) ?? 8
        guard (1...200).contains(raw) else { throw ValidationError("连接池大小须在1到200之间 / pool size must be 1-200") }
        return raw
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("json"), help: "print JSON instead of a table")
    var json = false

    @Option(name: .customLong("lang"), help: "zh or en (env ANPEI_LANG, default zh)")
    var lang: String?

    var language: Language {
        Language(rawValue: (lang ?? Env.get("ANPEI_LANG") ?? "zh").lowercased()) ?? .zh
    }
}

struct ClientOptions: ParsableArguments {
    @Option(name: .customLong("server"), help: "API base URL (env ANPEI_SERVER, default http://127.0.0.1:8080)")
    var server: String?

    var resolvedServer: String? { server ?? Env.get("ANPEI_SERVER") }
}

enum LogSetup {
    /// Bootstraps swift-log once per process with JSON lines on stderr.
    static func bootstrap(level: String?) throws -> Logger.Level {
        let raw = (level ?? Env.get("ANPEI_LOG_LEVEL") ?? "info").lowercased()
        guard let parsed = Logger.Level(rawValue: raw) else {
            throw ValidationError("日志级别无效：\(raw)（trace/debug/info/notice/warning/error/critical）")
        }
        return parsed
    }
}

/// Parses durations like "12h", "90m", "3600s" or plain seconds.
func parseDuration(_ text: String) -> Duration? {
    let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
    if let unit = text.last, let factor = units[unit], let n = Int64(text.dropLast()), n > 0 {
        return .seconds(n * factor)
    }
    if let n = Int64(text), n > 0 { return .seconds(n) }
    return nil
}
