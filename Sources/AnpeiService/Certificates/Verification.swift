import AnpeiDomain
import AnpeiStore
import Crypto
import Foundation

public enum VerificationKey {
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func fromBase64url(_ text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }

    /// Checks a signed verification against a public key; returns the payload when valid.
    public static func verify(_ signed: SignedVerification, publicKey: Curve25519.Signing.PublicKey) -> [String: Any]? {
        guard let payload = fromBase64url(signed.payload), let signature = fromBase64url(signed.signature),
              publicKey.isValidSignature(signature, for: payload)
        else { return nil }
        return try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
    }
}

extension CertificateService {
    /// Public lookup: number plus holder name → minimal status. A wrong name
    /// answers exactly like an unknown number, so names cannot be fished for.
    public func publicVerify(number: String, name: String) async throws -> PublicVerification {
        let today = self.today
        let number = number.trimmedCell.uppercased()
        let name = name.trimmedCell
        guard !number.isEmpty, !name.isEmpty, number.count <= 40, name.count <= 50 else {
            throw ServiceError.notFound(entity: "certificate")
        }
        return try await db.read { conn in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(number: number), row.personName == name else {
                throw ServiceError.notFound(entity: "certificate")
            }
            return Self.publicView(try view(row, sets: rules.get(conn), on: today))
        }
    }

    /// A signed, offline-checkable statement for a certificate the caller may see.
    public func signedVerification(_ call: CallContext, id: UUID) async throws -> SignedVerification {
        let view = try await get(call, id: id)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.publicView(view))) as! [String: Any]
        object["signedAt"] = ISO8601DateFormatter().string(from: config.now())
        let payload = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        let signature = try config.signingKey.privateKey.signature(for: payload)
        return SignedVerification(
            payload: VerificationKey.base64url(payload), signature: VerificationKey.base64url(signature),
            keyId: VerificationKey.keyID(config.signingKey.publicKey), algorithm: "Ed25519")
    }

    static func publicView(_ v: CertificateView) -> PublicVerification {
        PublicVerification(
            number: v.certificate.number, holderName: v.certificate.personName, itemCode: v.certificate.itemCode,
            itemName: v.certificate.itemName, firstIssued: v.certificate.firstIssued, validityEnd: v.certificate.validityEnd,
            state: v.status.state, label: v.status.label, asOf: v.status.asOf, ruleSet: v.status.ruleSet)
    }
}
