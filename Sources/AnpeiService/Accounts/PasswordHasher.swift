import CArgon2
import Foundation

/// argon2id password hashing via libargon2, producing PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). The defaults are the OWASP
/// minimum the foundation issue asks for: m = 19 MiB, t = 2, p = 1.
public struct PasswordHasher: Sendable {
    public struct Parameters: Sendable, Equatable {
        /// Memory in KiB.
        public var memoryKiB: UInt32
        public var iterations: UInt32
        public var parallelism: UInt32

        public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
        }

        public static let standard = Parameters(memoryKiB: 19 * 1024, iterations: 2, parallelism: 1)

        /// True when these parameters are at least as strong as `other` in every dimension.
        func isAtLeast(_ other: Parameters) -> Bool {
            memoryKiB >= other.memoryKiB && iterations >= other.iterations && parallelism >= other.parallelism
        }
    }

    public let parameters: Parameters

    public init(parameters: Parameters = .standard) {
        self.parameters = parameters
    }

    public enum HashError: Error { case failed(Int32) }

    /// Hashes with a fresh 16-byte random salt.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        let hashLength = 32
        let encodedLength = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            UInt32(salt.count), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let pwd = Array(password.utf8)
        let rc = argon2id_hash_encoded(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            pwd, pwd.count, salt, salt.count, hashLength, &encoded, encodedLength)
        guard rc == ARGON2_OK.rawValue else { throw HashError.failed(rc) }
        let bytes = encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks a password against a PHC string. Malformed strings never verify.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard encoded.hasPrefix("$argon2id$") else { return false }
        let pwd = Array(password.utf8)
        return argon2id_verify(encoded, pwd, pwd.count) == ARGON2_OK.rawValue
    }

    /// Whether a stored hash was made with weaker parameters than the current
    /// ones, and so should be replaced at the next successful login.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.parameters(of: encoded) else { return true }
        return !stored.isAtLeast(parameters)
    }

    /// Reads `m=…,t=…,p=…` from a PHC string.
    public static func parameters(of encoded: String) -> Parameters? {
        let parts = encoded.split(separator: "$")
        guard parts.count >= 4, parts[0] == "argon2id" else { return nil }
        var m: UInt32?, t: UInt32?, p: UInt32?
        for item in parts[2].split(separator: ",") {
            let kv = item.split(separator: "=")
            guard kv.count == 2, let v = UInt32(kv[1]) else { return nil }
            switch kv[0] {
            case "m": m = v
            case "t": t = v
            case "p": p = v
            default: break
            }
        }
        guard let m, let t, let p else { return nil }
        return Parameters(memoryKiB: m, iterations: t, parallelism: p)
    }
}
