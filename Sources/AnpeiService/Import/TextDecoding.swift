import AnpeiDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes uploaded text files: UTF-8 with or without BOM, or GB18030/GBK as
/// Excel saves CSV on Chinese Windows. Strict UTF-8 is tried first; a file
/// that is not valid UTF-8, or only by accident (see `decode`), is read as
/// GB18030 (a superset of GBK and GB2312).
public enum TextDecoding {
    public typealias Encoding = TextEncoding

    public struct Failure: Error, Sendable {}

    public static func decode(_ data: Data) throws -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw Failure() }
            return (text, .utf8BOM)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            // Short GBK text can be valid UTF-8 by accident: "学员" in GBK is
            // D1 A7 D4 B1, two 2-byte UTF-8 sequences (Cyrillic, Armenian).
            // Chinese text in UTF-8 uses 3-byte sequences; a file with 2-byte
            // sequences and no longer ones that also reads as GB18030 is GB18030.
            if looksLikeGBK(bytes), let gbk = try? gb18030(bytes) { return (gbk, .gb18030) }
            return (text, .utf8)
        }
        return (try gb18030(bytes), .gb18030)
    }

    /// Valid UTF-8 with only 2-byte sequences beyond ASCII (no 3- or 4-byte ones).
    static func looksLikeGBK(_ bytes: [UInt8]) -> Bool {
        var twoByte = false
        for b in bytes where b >= 0xC0 {
            if b >= 0xE0 { return false }
            twoByte = true
        }
        return twoByte
    }

    /// GB18030 → UTF-8 through iconv (glibc), which refuses invalid sequences.
    static func gb18030(_ input: [UInt8]) throws -> String {
        guard let text = String(validating: try convert(input, from: "GB18030", to: "UTF-8"), as: UTF8.self) else {
            throw Failure()
        }
        return text
    }

    /// Encodes UTF-8 text as GB18030 (for tests and for exporting to old Excel).
    public static func encodeGB18030(_ text: String) throws -> Data {
        Data(try convert(Array(text.utf8), from: "UTF-8", to: "GB18030"))
    }

    /// One iconv pass over the whole input; any invalid or incomplete sequence fails.
    static func convert(_ input: [UInt8], from: String, to: String) throws -> [UInt8] {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { throw Failure() }
        defer { iconv_close(cd) }
        var source = input
        // UTF-8 of a GB18030 character is at most 4 bytes for its 2 or 4; GB18030
        // of a UTF-8 character is at most 4 bytes for its 1 to 4: twice is enough.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = 0
        let ok: Bool = source.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                written = outBuf.count - outLeft
                return rc != -1 && inLeft == 0
            }
        }
        guard ok else { throw Failure() }
        return Array(output[..<written])
    }
}
