import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

/// Verification of the audit chain and signed checkpoints of its tail
/// (server-side; admin or operator only).
public struct AuditService: Sendable {
    let db: UnitOfWork
    let config: ServiceConfig
    public init(db: UnitOfWork, config: ServiceConfig = ServiceConfig()) {
        self.db = db
        self.config = config
    }

    public func verify(_ call: CallContext, progress: @escaping @Sendable (Int) -> Void = { _ in })
        async throws -> AuditRepository.Verification
    {
        try await verify(call, anchor: nil, progress: progress)
    }

    /// Recomputes the chain; with an anchor, also checks that the anchored row
    /// is still there with the anchored hash (a truncated tail fails here,
    /// though the shorter chain is itself intact). The anchor's signature is
    /// checked against this service's key first.
    public func verify(_ call: CallContext, anchor: AuditAnchor?, progress: @escaping @Sendable (Int) -> Void = { _ in })
        async throws -> AuditRepository.Verification
    {
        guard call.principal.role == .admin else { throw ServiceError.forbidden }
        if let anchor { try checkSignature(anchor) }
        var result = try await db.read { conn in
            try AuditRepository(conn).verify(checkpoint: anchor?.lastRow, progress: progress)
        }
        guard let anchor, result.firstBadRow == nil else { return result }
        if result.lastRow < anchor.lastRow {
            result.firstBadRow = result.lastRow + 1
            result.reason = "truncated: the anchor of \(anchor.at) covers row \(anchor.lastRow), the log ends at row \(result.lastRow)"
        } else if result.hashAtCheckpoint.map(Self.hex) != anchor.hash {
            result.firstBadRow = anchor.lastRow
            result.reason = "row \(anchor.lastRow) does not have the hash anchored at \(anchor.at)"
        }
        return result
    }

    /// A signed checkpoint of the tail, taken only when the chain verifies.
    public func anchor(_ call: CallContext, progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> AuditAnchor {
        let result = try await verify(call, anchor: nil, progress: progress)
        guard result.firstBadRow == nil else {
            throw ServiceError.conflict(code: "audit_chain_broken", field: nil, message: .init(
                zh: "审计日志哈希链在第 \(result.firstBadRow ?? 0) 行不匹配，不能生成锚点", en: "the audit chain is broken; no anchor taken"))
        }
        let at = ISO8601DateFormatter().string(from: config.now())
        let hash = Self.hex(result.lastHash)
        let text = AuditAnchor.signedText(lastRow: result.lastRow, hash: hash, at: at)
        let signature = try config.signingKey.privateKey.signature(for: Data(text.utf8))
        return AuditAnchor(lastRow: result.lastRow, hash: hash, at: at,
                           publicKey: config.signingKey.publicKey.rawRepresentation.base64EncodedString(),
                           signature: signature.base64EncodedString())
    }

    func checkSignature(_ anchor: AuditAnchor) throws {
        let key = config.signingKey.publicKey
        guard anchor.version == 1, anchor.publicKey == key.rawRepresentation.base64EncodedString(),
              let signature = Data(base64Encoded: anchor.signature),
              key.isValidSignature(signature, for: Data(AuditAnchor.signedText(lastRow: anchor.lastRow, hash: anchor.hash, at: anchor.at).utf8))
        else {
            throw ServiceError.validation([FieldError(field: "anchor", code: "anchor_signature_invalid", message: .init(
                zh: "锚点文件的签名与本服务的签名密钥不符", en: "the anchor's signature does not match this service's signing key"))])
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
