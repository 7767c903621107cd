import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The saved login: `<config dir>/anpei/credentials.json`, mode 0600 in a
/// 0700 directory. Config dir: ANPEI_CONFIG_DIR, else $XDG_CONFIG_HOME, else
/// ~/.config.
struct Credentials: Codable {
    var server: String
    var username: String
    var token: String
    var expiresAt: Date
}

enum CredentialStore {
    static var directory: URL {
        if let dir = Env.get("ANPEI_CONFIG_DIR") { return URL(fileURLWithPath: dir) }
        let base = Env.get("XDG_CONFIG_HOME").map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("anpei")
    }

    static var file: URL { directory.appendingPathComponent("credentials.json") }

    static func load() -> Credentials? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Credentials.self, from: data)
    }

    static func save(_ credentials: Credentials) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(credentials)
        // Create with 0600 from the start, so the token is never readable by others.
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CLIError.message("无法写入 \(file.path)") }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw CLIError.message("无法写入 \(file.path)") }
    }

    static func delete() {
        try? FileManager.default.removeItem(at: file)
    }
}
