import AnpeiDomain
import Foundation

/// The API's JSON conventions on the client side. The server answers through
/// Hummingbird's default request-context coders, whose dates are ISO 8601
/// (`.iso8601`: whole seconds, UTC); the CLI decodes with the same strategy
/// so every `Date` of the contract reads, and re-encodes with it so `--json`
/// prints dates as the server wrote them.
enum WireJSON {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Request bodies: compact, with the dates the server's decoder reads.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Decodes an answer as the type the contract names for it. An answer of
    /// another shape means the server does not keep the contract (or is another
    /// version): say so, rather than print a table of blanks.
    static func decode<Reply: Decodable>(_ type: Reply.Type, from data: Data, language: Language) throws -> Reply {
        do {
            return try decoder().decode(Reply.self, from: data)
        } catch let error as DecodingError {
            let summary = error.summary(language)
            throw CLIError.message(language == .zh ? "服务器响应与接口约定不符：\(summary)"
                : "the server's answer does not match the API contract: \(summary)")
        }
    }
}
