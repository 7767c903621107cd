import Crypto
import Foundation

/// Opaque bearer tokens: 32 random bytes (256 bits) from the system CSPRNG,
/// base64url-encoded behind an `anp_` prefix so leaked tokens are easy to
/// grep for. Only the SHA-256 of the full token string is ever stored.
public enum BearerToken {
    public static let prefix = "anp_"

    public static func generate<R: RandomNumberGenerator>(using rng: inout R) -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = rng.next() }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + b64
    }

    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return generate(using: &rng)
    }

    public static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }
}
