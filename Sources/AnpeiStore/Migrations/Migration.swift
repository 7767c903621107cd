import Crypto
import Foundation

/// One file `db/migrations/NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `NNNN_name.sql` in `directory`, in version order. Files of
    /// another shape are refused rather than silently skipped.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        var seen: [Int: String] = [:]
        return try names.map { file in
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"),
                  let version = Int(stem[..<underscore]), stem[..<underscore].count == 4
            else { throw MigrationError.badFileName(file) }
            if let other = seen[version] { throw MigrationError.duplicateVersion(version, other, file) }
            seen[version] = file
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: text)
        }
    }
}

public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(Int, String, String)
    /// An applied migration's file changed since it was applied.
    case checksumMismatch(file: String, applied: String, current: String)
    case directoryNotFound(String)

    public var description: String {
        switch self {
        case .badFileName(let f):
            "迁移文件名应为 NNNN_名称.sql：\(f)"
        case .duplicateVersion(let v, let a, let b):
            "迁移版本 \(v) 重复：\(a) 与 \(b)"
        case .checksumMismatch(let f, let a, let c):
            "已执行的迁移文件 \(f) 已被修改（已记录校验和 \(a.prefix(12))…，当前 \(c.prefix(12))…）；请新增迁移而不要修改已执行的文件"
        case .directoryNotFound(let d):
            "找不到迁移目录 \(d)（可用 --migrations 或 ANPEI_MIGRATIONS_DIR 指定）"
        }
    }
}
