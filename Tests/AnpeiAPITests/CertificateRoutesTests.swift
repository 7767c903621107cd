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
                (.post, "/v1/certificates", ["personId": fx.a.person.id, "itemCode": "2.2", "issuingAuthority": "x", "firstIssued": "2024-01-01"]),
            ]
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
