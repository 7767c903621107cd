import AnpeiAPI
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTTP: certificates and the work check")
struct CertificateRoutesTests {
    @Test("register, check at the gate, and every certificate endpoint refuses the other tenant")
    func endpoints() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let regA = try await login(client, "fx-reg-a", RegistryFixture.password)
            let id: String = try await client.execute(
                uri: "/v1/certificates", method: .post, headers: bearer(regA),
                body: jsonBody(["personId": fx.a.person.id, "itemCode": "2.1", "issuingAuthority": "运城市应急管理局",
                                "firstIssued": "2024-02-29"])
            ) { response in
                #expect(response.status == .created)
                let status = response.body.json["status"] as? [String: Any]
                #expect(status?["ruleSet"] as? String == "MEM-30")
                return (response.body.json["certificate"] as? [String: Any])?["id"] as? String ?? ""
            }
            let entA = try await login(client, "fx-ent-a", RegistryFixture.password)
            try await client.execute(
                uri: "/v1/work-check?person=\(fx.a.person.id)&item=2.1&date=2027-03-01", method: .get, headers: bearer(entA)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["allowed"] as? Bool == false)
                let reason = (response.body.json["reasons"] as? [[String: Any]])?.first
                #expect(reason?["rule"] as? String == "R-CERT-5" && reason?["date"] as? String == "2027-02-28")
            }
            try await client.execute(uri: "/v1/work-check?person=\(fx.a.person.id)&item=2.1&date=2026-06-01", method: .get, headers: bearer(entA)) {
                #expect($0.body.json["allowed"] as? Bool == true)
            }
            try await client.execute(uri: "/v1/work-check?item=2.1", method: .get, headers: bearer(entA)) {
                #expect($0.status == .unprocessableContent)
            }
            let calls: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.get, "/v1/certificates/\(id)", nil),
                (.post, "/v1/certificates/\(id)/reviews", ["date": "2027-01-10", "trainingHours": 8, "passed": true]),
                (.post, "/v1/certificates/\(id)/revocation", ["date": "2025-01-01", "reason": "x"]),
                (.post, "/v1/certificates/\(id)/cancellation", ["date": "2025-01-01", "reason": "x"]),
                (.get, "/v1/people/\(fx.a.person.id)/certificates", nil),
                (.get, "/v1/work-check?person=\(fx.a.person.id)&item=2.1", nil),
                (.get, "/v1/enterprises/\(fx.a.enterprise.id)/certificates", nil),
                (.get, "/v1/enterprises/\(fx.a.enterprise.id)/unlicensed", nil),
                (.post, "/v1/certificates", ["personId": fx.a.person.id, "itemCode": "2.2", "issuingAuthority": "x", "firstIssued": "2024-01-01"]),
            ]
            // Reports: another region is 404 for a regulator, and not for enterprises or institutions at all.
            for (user, expected) in [("fx-reg-b", HTTPResponse.Status.notFound), ("fx-ent-b", .forbidden), ("fx-inst-b", .forbidden)] {
                let token = try await login(client, user, RegistryFixture.password)
                for uri in ["/v1/reports/certificates?region=140825&year=2025", "/v1/reports/certificates/people?region=140825&year=2025&kind=all"] {
                    try await client.execute(uri: uri, method: .get, headers: bearer(token)) {
                        #expect($0.status == expected, "\(user) \(uri) → \($0.status)")
                    }
                }
            }
            try await client.execute(uri: "/v1/reports/certificates?year=2025", method: .get, headers: bearer(regA)) { response in
                #expect(response.status == .ok)
                #expect(((response.body.json["total"] as? [String: Any])?["onRegister"] as? Int) == 0)  // the fixture person is a principal
            }
            for user in ["fx-reg-b", "fx-ent-b", "fx-inst-b"] {
                let token = try await login(client, user, RegistryFixture.password)
                for (method, uri, body) in calls {
                    try await client.execute(uri: uri, method: method, headers: bearer(token), body: body.map(jsonBody)) { response in
                        // Issuing is for regulators and admins: enterprise and institution users
                        // get 403 on the create; everything else is invisible (404).
                        let expected: HTTPResponse.Status = (uri == "/v1/certificates" && user != "fx-reg-b") ? .forbidden : .notFound
                        #expect(response.status == expected, "\(user) \(method) \(uri) → \(response.status)")
                    }
                }
            }
        }
    }
}

@Suite("HTTP: public verification and signed statements")
struct VerificationRoutesTests {
    @Test("number + name gives minimal status without login; wrong name is 404; rate-limited; signed statements verify offline")
    func verification() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let cert = try await app.services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "1.1", issuingAuthority: "某局", firstIssued: "2024-02-29"))
        try await app.test { client in
            let number = cert.certificate.number.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let name = fx.a.person.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/v1/public/certificates/verify?number=\(number)&name=\(name)", method: .get) { response in
                #expect(response.status == .ok)
                // Exactly the public record's fields: no person id, phone, employer or reviews.
                #expect(Set(response.body.json.keys) == ["number", "holderName", "itemCode", "itemName", "firstIssued",
                                                         "validityEnd", "state", "label", "asOf", "ruleSet"])
            }
            let wrong = "某某".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/v1/public/certificates/verify?number=\(number)&name=\(wrong)", method: .get) {
                #expect($0.status == .notFound)
            }
            var limited = false
            for _ in 0..<25 {
                try await client.execute(uri: "/v1/public/certificates/verify?number=X&name=Y", method: .get) { response in
                    if response.status == .tooManyRequests {
                        limited = true
                        #expect(response.headers[HTTPField.Name("Retry-After")!] != nil)
                    }
                }
            }
            #expect(limited)

            // Signed statement, checked with the published key.
            let token = try await login(client, "fx-ent-a", RegistryFixture.password)
            let signed: SignedVerification = try await client.execute(
                uri: "/v1/certificates/\(cert.certificate.id)/verification", method: .get, headers: bearer(token)
            ) { try JSONDecoder().decode(SignedVerification.self, from: Data($0.body.readableBytesView)) }
            let keyText: String = try await client.execute(uri: "/.well-known/anpei-verification-key", method: .get) {
                $0.body.json["publicKey"] as? String ?? ""
            }
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: VerificationKey.fromBase64url(keyText)!)
            let payload = try #require(VerificationKey.verify(signed, publicKey: key))
            #expect(payload["number"] as? String == cert.certificate.number)
            var tampered = signed
            var json = String(decoding: VerificationKey.fromBase64url(signed.payload)!, as: UTF8.self)
            json = json.replacingOccurrences(of: "2030-02-28", with: "2040-02-28")
            tampered.payload = VerificationKey.base64url(Data(json.utf8))
            #expect(VerificationKey.verify(tampered, publicKey: key) == nil)
            // Another tenant cannot get a statement.
            let other = try await login(client, "fx-ent-b", RegistryFixture.password)
            try await client.execute(uri: "/v1/certificates/\(cert.certificate.id)/verification", method: .get, headers: bearer(other)) {
                #expect($0.status == .notFound)
            }
        }
    }
}

import Crypto
