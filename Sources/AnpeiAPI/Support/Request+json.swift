import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body of at most `context.maxUploadSize` bytes. Unlike
    /// Hummingbird's `decode`, it lets `DecodingError` through so the problem
    /// middleware can name the missing or mistyped field.
    func json<T: Decodable>(_ type: T.Type, context: AnpeiRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}
