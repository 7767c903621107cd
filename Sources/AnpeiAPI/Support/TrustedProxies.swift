import Foundation
import HTTPTypes
import Hummingbird

/// The reverse proxies whose `X-Forwarded-For` header is believed (issue 9 §4),
/// from `ANPEI_TRUSTED_PROXIES`: addresses or CIDR blocks, comma-separated
/// (`127.0.0.1,10.0.0.0/8,::1`). Behind the shipped nginx every request comes
/// from 127.0.0.1, so without this every member of the public shared one rate
/// limit bucket; trusting the header from anyone else would let a client pick
/// its own bucket.
public struct TrustedProxies: Sendable, Equatable {
    struct Block: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefix
            for i in 0..<bytes.count where bits > 0 {
                let take = min(8, bits)
                let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
                if address[i] & mask != bytes[i] & mask { return false }
                bits -= take
            }
            return true
        }
    }

    let blocks: [Block]

    public static let none = TrustedProxies(blocks: [])

    init(blocks: [Block]) { self.blocks = blocks }

    /// Parses the list; nil names the first entry that is not an address or block.
    public static func parse(_ text: String) -> Result<TrustedProxies, ParseError> {
        var blocks: [Block] = []
        for raw in text.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = address(parts[0]) else { return .failure(ParseError(entry: entry)) }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let p = Int(parts[1]), (0...bytes.count * 8).contains(p) else { return .failure(ParseError(entry: entry)) }
                prefix = p
            }
            blocks.append(Block(bytes: bytes, prefix: prefix))
        }
        return .success(TrustedProxies(blocks: blocks))
    }

    public struct ParseError: Error, Sendable {
        public let entry: String
    }

    /// IPv4 as 4 bytes, IPv6 as 16 (an IPv4-mapped IPv6 address becomes 4).
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }

    public func trusts(_ text: String) -> Bool {
        guard !blocks.isEmpty, let a = Self.address(text) else { return false }
        return blocks.contains { $0.contains(a) }
    }

    /// The client of a request from `peer`: the peer itself unless it is a
    /// trusted proxy; then the right-most `X-Forwarded-For` entry that is not
    /// itself a trusted proxy (entries to its left are client-supplied).
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.address(hop) != nil else { return peer }  // garbage: fall back to the proxy
            if !trusts(hop) { return hop }
        }
        return hops.first ?? peer
    }
}

/// Replaces the context's client address with the one `TrustedProxies` derives.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AnpeiRequestContext
    let trusted: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !trusted.blocks.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = trusted.client(
            peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
