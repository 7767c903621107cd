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
                #expect(reason?["rule"] as? String == "R-CERT-13" && reason?["date"] as? String == "2027-03-01")  // due 2027-02-28: lapsed the day after
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
                (.post, "/v1/certificates/\(id)/revocation", ["date": "2025-01-01", "reason": "x", "cause": "no_longer_fit"]),
                (.post, "/v1/certificates/\(id)/cancellation", ["date": "2025-01-01", "reason": "x", "cause": "own_request"]),
                (.post, "/v1/certificates/\(id)/extension-consent", ["date": "2025-01-01"]),
                (.post, "/v1/certificates/\(id)/practical-exams", ["date": "2025-01-01", "passed": true, "examiner": "x"]),
                (.post, "/v1/certificates/\(id)/national-registration", ["date": "2025-01-01"]),
                (.get, "/v1/people/\(fx.a.person.id)/certificates", nil),
                (.get, "/v1/work-check?person=\(fx.a.person.id)&item=2.1", nil),
                (.get, "/v1/enterprises/\(fx.a.enterprise.id)/certificates", nil),
                (.get, "/v1/enterprises/\(fx.a.enterprise.id)/unlicensed", nil),
                (.post, "/v1/certificates", ["personId": fx.a.person.id, "itemCode": "2.2", "issuingAuthority": "x", "firstIssued": "2024-01-01"]),
            ]
            // Reports: another region is 404 for a regulator, and not for enterprises or institutions at all.
            for (user, expected) in [("fx-reg-b", HTTPResponse.Status.notFound), ("fx-ent-b", .forbidden), ("fx-inst-b", .forbidden)] {
                let token = try await login(client, user, RegistryFixture.password)
                for uri in ["/v1/reports/certificates?region=140825&year=2025", "/v1/reports/certificates/people?region=140825&year=2025&kind=all",
                            "/v1/reports/uncounted-completions?region=140825", "/v1/reports/supervisory-training?region=140825"] {
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

@Suite("HTTP: management-competence certificates (R-CERT-11)")
struct ManagementCertificateRoutesTests {
    @Test("register on a pass, status by date, re-examination only in the window, revocation; other tenants see nothing")
    func endpoints() async throws {
        let today = ISO8601DateFormatter().date(from: "2027-01-15T04:00:00Z")!
        let app = try TestApp { $0.now = { today } }
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let regA = try await login(client, "fx-reg-a", RegistryFixture.password)
            func register(_ body: [String: Any]) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(uri: "/v1/management-certificates", method: .post, headers: bearer(regA), body: jsonBody(body)) {
                    ($0.status, $0.body.json)
                }
            }
            var body: [String: Any] = ["personId": fx.a.person.id, "holderRole": "principal", "sectorCode": "hazardous_chemicals",
                                       "number": "AQ-2024-0001", "issuingAuthority": "运城市应急管理局", "issuedOn": "2024-02-29", "examScore": 79]
            // R-CERT-11: issued only on a pass (80 of 100).
            var (status, json) = try await register(body)
            #expect(status == .unprocessableContent)
            #expect(((json["errors"] as? [[String: Any]])?.first?["code"] as? String) == "exam_not_passed")
            body["examScore"] = 80
            body["sectorCode"] = "no_such_sector"
            (status, json) = try await register(body)
            #expect(status == .unprocessableContent && ((json["errors"] as? [[String: Any]])?.first?["field"] as? String) == "sectorCode")
            body["sectorCode"] = "hazardous_chemicals"
            (status, json) = try await register(body)
            #expect(status == .created)
            let id = (json["certificate"] as? [String: Any])?["id"] as? String ?? ""
            #expect(json["validityEnd"] as? String == "2027-02-28")  // leap day + 3 years
            (status, _) = try await register(body)
            #expect(status == .conflict)

            func state(_ date: String) async throws -> (String?, String?) {
                try await client.execute(uri: "/v1/management-certificates/\(id)?date=\(date)", method: .get, headers: bearer(regA)) {
                    (($0.body.json["status"] as? [String: Any])?["state"] as? String, $0.body.json["validityEnd"] as? String)
                }
            }
            #expect(try await state("2026-12-29").0 == "valid")
            #expect(try await state("2026-12-30").0 == "review_window_open")
            #expect(try await state("2027-03-01").0 == "expired")

            // A re-examination before the window is refused, naming the rule's date.
            try await client.execute(uri: "/v1/management-certificates/\(id)/reexaminations", method: .post, headers: bearer(regA),
                                     body: jsonBody(["date": "2026-06-01", "score": 95])) { response in
                #expect(response.status == .unprocessableContent)
                let error = (response.body.json["errors"] as? [[String: Any]])?.first
                #expect(error?["code"] as? String == "reexamination_refused" && error?["field"] as? String == "date")
            }
            // In the window (the service's clock stands on 2027-01-15): recorded, validity continues from the old end.
            try await client.execute(uri: "/v1/management-certificates/\(id)/reexaminations", method: .post, headers: bearer(regA),
                                     body: jsonBody(["date": "2027-01-10", "score": 88])) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["validityEnd"] as? String == "2030-02-28")
            }
            try await client.execute(uri: "/v1/management-certificates/\(id)/reexaminations", method: .post, headers: bearer(regA),
                                     body: jsonBody(["date": "2027-01-12", "score": 90])) { response in
                // Renewed to 2030: the next window is years away.
                #expect(response.status == .unprocessableContent)
                #expect(((response.body.json["errors"] as? [[String: Any]])?.first?["code"] as? String) == "reexamination_refused")
            }
            #expect(try await state("2027-03-01") == ("valid", "2030-02-28"))
            #expect(try await state("2027-01-09") == ("review_window_open", "2027-02-28"))  // before the exam, as it was then
            let entA = try await login(client, "fx-ent-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/people/\(fx.a.person.id)/management-certificates", method: .get, headers: bearer(entA)) { response in
                #expect(response.status == .ok)
                let list = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]
                #expect(list?.count == 1)
            }
            try await client.execute(uri: "/v1/management-certificates/\(id)/revocation", method: .post, headers: bearer(regA),
                                     body: jsonBody(["date": "2025-05-01", "reason": "考核作弊"])) { response in
                #expect(response.status == .ok)
                #expect((response.body.json["status"] as? [String: Any])?["state"] as? String == "revoked")
            }
            try await client.execute(uri: "/v1/management-certificates/\(id)/revocation", method: .post, headers: bearer(entA),
                                     body: jsonBody(["date": "2025-05-01", "reason": "x"])) { #expect($0.status == .forbidden) }

            let calls: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.get, "/v1/management-certificates/\(id)", nil),
                (.post, "/v1/management-certificates/\(id)/reexaminations", ["date": "2026-01-10", "score": 90]),
                (.post, "/v1/management-certificates/\(id)/revocation", ["date": "2025-01-01", "reason": "x"]),
                (.get, "/v1/people/\(fx.a.person.id)/management-certificates", nil),
                (.post, "/v1/management-certificates", ["personId": fx.a.person.id, "holderRole": "principal", "sectorCode": "coal_mine",
                                                       "number": "AQ-B-1", "issuingAuthority": "x", "issuedOn": "2024-01-01", "examScore": 90]),
            ]
            for user in ["fx-reg-b", "fx-ent-b", "fx-inst-b"] {
                let token = try await login(client, user, RegistryFixture.password)
                for (method, uri, body) in calls {
                    try await client.execute(uri: uri, method: method, headers: bearer(token), body: body.map(jsonBody)) { response in
                        let expected: HTTPResponse.Status = (uri == "/v1/management-certificates" && user != "fx-reg-b") ? .forbidden : .notFound
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
