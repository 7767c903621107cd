import Crypto
import Foundation

/// Where an import's bytes come from: a buffer the caller already holds, or a
/// file read a block at a time (server-side imports, and API uploads spooled to
/// disk), so that memory stays bounded whatever the file size (issue 9 §2).
public enum ImportSource: Sendable {
    case data(Data)
    case file(String)

    static let blockSize = 1 << 20
    /// A record longer than this (a stray quote swallowing the file) is an error,
    /// not an unbounded buffer.
    static let maxPiece = 32 << 20

    public struct TooLong: Error, Sendable {
        public let line: Int
    }

    /// Calls `body` with consecutive blocks of the raw bytes.
    func forEachBlock(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        switch self {
        case .data(let data):
            var offset = 0
            while offset < data.count {
                let end = min(data.count, offset + Self.blockSize)
                try body(ArraySlice(data[data.startIndex + offset..<data.startIndex + end]))
                offset = end
            }
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: Self.blockSize), !chunk.isEmpty {
                try body(ArraySlice(chunk))
            }
        }
    }

    /// Calls `body` with pieces of the file that end at a line feed outside
    /// quotes (or at the end of the file): whole CSV records, and — since a
    /// line feed never occurs inside a UTF-8 or GB18030 multi-byte character —
    /// whole characters. `line` is the file line the piece starts on.
    func forEachPiece(_ body: (_ piece: ArraySlice<UInt8>, _ line: Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var inQuotes = false
        var scanned = 0  // bytes of `carry` already scanned for quotes
        var line = 1
        func emit(_ upTo: Int) throws {
            let piece = carry[0..<upTo]
            try body(piece, line)
            line += piece.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            carry.removeFirst(upTo)
        }
        try forEachBlock { block in
            carry.append(contentsOf: block)
            var lastBoundary = -1
            var i = scanned
            while i < carry.count {
                let b = carry[i]
                if b == 0x22 { inQuotes.toggle() } else if b == 0x0A, !inQuotes { lastBoundary = i }
                i += 1
            }
            scanned = carry.count
            if lastBoundary >= 0 {
                try emit(lastBoundary + 1)
                scanned = carry.count
            } else if carry.count > Self.maxPiece {
                throw TooLong(line: line)
            }
        }
        if !carry.isEmpty { try emit(carry.count) }
    }
}

/// What a first pass over the file learns: size, digest and encoding.
struct ImportProfile {
    var bytes = 0
    var sha256 = ""
    var encoding: TextDecoding.Encoding = .utf8

    /// Reads the source once: SHA-256, size, and the encoding by the rules of
    /// `TextDecoding.decode`, applied piece by piece.
    static func read(_ source: ImportSource, maxBytes: Int) throws -> ImportProfile {
        var hasher = SHA256()
        var profile = ImportProfile()
        var first = true
        var bom = false
        var validUTF8 = true
        var twoByteOnly = true   // no byte ≥ 0xE0
        var sawTwoByte = false
        var gbkConverts = true
        try source.forEachPiece { piece, _ in
            profile.bytes += piece.count
            if profile.bytes > maxBytes { throw TooLarge() }
            hasher.update(data: Data(piece))
            var bytes = piece
            if first {
                first = false
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    bom = true
                    bytes = bytes.dropFirst(3)
                }
            }
            if validUTF8, String(validating: bytes, as: UTF8.self) == nil { validUTF8 = false }
            if twoByteOnly {
                for b in bytes where b >= 0xC0 {
                    if b >= 0xE0 { twoByteOnly = false; break }
                    sawTwoByte = true
                }
            }
            if !bom, gbkConverts, (!validUTF8 || (twoByteOnly && sawTwoByte)) {
                gbkConverts = (try? TextDecoding.convert(Array(bytes), from: "GB18030", to: "UTF-8")) != nil
            }
        }
        profile.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        if bom {
            guard validUTF8 else { throw TextDecoding.Failure() }
            profile.encoding = .utf8BOM
        } else if validUTF8 {
            profile.encoding = twoByteOnly && sawTwoByte && gbkConverts ? .gb18030 : .utf8
        } else {
            guard gbkConverts else { throw TextDecoding.Failure() }
            profile.encoding = .gb18030
        }
        return profile
    }

    struct TooLarge: Error {}

    /// A piece as UTF-8 bytes.
    func utf8(_ piece: ArraySlice<UInt8>, first: Bool) throws -> ArraySlice<UInt8> {
        switch encoding {
        case .utf8: return piece
        case .utf8BOM: return first && piece.starts(with: [0xEF, 0xBB, 0xBF]) ? piece.dropFirst(3) : piece
        case .gb18030: return try TextDecoding.convert(Array(piece), from: "GB18030", to: "UTF-8")[...]
        }
    }
}
