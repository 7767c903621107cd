import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import HTTPTypes
import Hummingbird

/// Public certificate verification (no login, rate-limited per client
/// address), the published verification key, and signed statements.
struct VerificationRoutes {
    let services: Services
    let limiter: TokenBuckets

    func addPublic(router: Router<AnpeiRequestContext>, v1: RouterGroup<AnpeiRequestContext>) {
        router.get(".well-known/anpei-verification-key") { _, _ -> VerificationKeyDocument in
            let key = services.config.signingKey.publicKey
            return VerificationKeyDocument(algorithm: "Ed25519", keyId: VerificationKey.keyID(key),
                               publicKey: VerificationKey.base64url(key.rawRepresentation))
        }
        v1.get("public/certificates/verify") { request, context -> PublicVerification in
            if let wait = limiter.take(context.clientAddress ?? "unknown") {
                throw ServiceError.rateLimited(retryAfter: wait)
            }
            var q = QueryReader(request)
            let numberParam = q.required("number")
            let nameParam = q.required("name")
            let (number, name) = try q.finish(numberParam, nameParam)
            return try await services.certificates.publicVerify(number: number, name: name)
        }
    }

    func addAuthenticated(to group: RouterGroup<AnpeiRequestContext>) {
        group.get("certificates/{id}/verification") { _, context -> SignedVerification in
            try await services.certificates.signedVerification(try context.call(), id: try RegistryRoutes.id(context, "certificate"))
        }
    }
}

