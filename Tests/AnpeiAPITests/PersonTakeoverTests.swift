import AnpeiAPI
import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 9 §1: enterprise B registering enterprise A's worker (whose ID number
/// and name are printed on the worker's certificate) must not take the person over.
@Suite("HTTP: a person shared by two enterprises")
struct PersonTakeoverTests {
    @Test("B registers A's worker: sees identity and certificates, not A's employment or phone, cannot rename")
    func sharedPerson() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let p = fx.a.person
        let cert = try await app.services.certificates.register(fx.admin, CertificateInput(
            personId: p.id, itemCode: "1.2", issuingAuthority: "运城市应急管理局", firstIssued: "2024-03-01"))
        let bEnterprise = fx.b.enterprise.id
        try await app.test { client in
            let employment: [String: Any] = [
                "enterpriseId": bEnterprise, "roles": ["employee"], "employmentType": "regular", "startDate": "2025-06-01",
            ]
            let b = try await login(client, "fx-ent-b", RegistryFixture.password)
            // A different name gets the generic refusal of any invalid input.
            try await client.execute(
                uri: "/v1/people", method: .post, headers: bearer(b),
                body: jsonBody(["documentNumber": p.documentNumber, "name": "冒名", "employment": employment])
            ) { r in
                #expect(r.status == .unprocessableContent)
                let errors = r.body.json["errors"] as? [[String: Any]] ?? []
                #expect(errors.first?["code"] as? String == "document_not_accepted")
                #expect(!String(buffer: r.body).contains("registered") && !String(buffer: r.body).contains("已登记"))
            }
            // The same kind of answer as any invalid input: 422 validation_failed
            // on the field, not a 409 that says "registered to someone else".
            var forged = Array(p.documentNumber)
            forged[17] = forged[17] == "0" ? "1" : "0"
            try await client.execute(
                uri: "/v1/people", method: .post, headers: bearer(b),
                body: jsonBody(["documentNumber": String(forged), "name": "冒名", "employment": employment])
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.body.json["code"] as? String == "validation_failed")
                #expect((r.body.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "documentNumber")
            }
            // The right name: B now employs the person too.
            let personID = try await client.execute(
                uri: "/v1/people", method: .post, headers: bearer(b),
                body: jsonBody(["documentNumber": p.documentNumber, "name": p.name, "phone": "13700007777", "employment": employment])
            ) { r -> String in
                #expect(r.status == .created)
                let body = r.body.json
                #expect(body["documentNumber"] as? String == p.documentNumber)
                #expect(body["phone"] as? String == "13700007777")
                let employers = (body["employments"] as? [[String: Any]] ?? []).compactMap { $0["enterpriseId"] as? String }
                #expect(employers == [fx.b.enterprise.id])
                #expect(!String(buffer: r.body).contains("13800000001"), "A's phone leaked")
                return body["id"] as? String ?? ""
            }
            #expect(personID == p.id)
            try await client.execute(uri: "/v1/people/\(p.id)", method: .get, headers: bearer(b)) { r in
                #expect(!String(buffer: r.body).contains("13800000001"))
                #expect(!String(buffer: r.body).contains(fx.a.enterprise.id))
            }
            // Certificate facts for 持证上岗 are visible to B.
            try await client.execute(uri: "/v1/work-check?person=\(p.id)&item=1.2&date=2025-07-01", method: .get, headers: bearer(b)) {
                #expect($0.status == .ok)
            }
            // B cannot rename (or otherwise change the identity of) A's worker.
            try await client.execute(
                uri: "/v1/people/\(p.id)", method: .patch, headers: bearer(b), body: jsonBody(["name": "改名"])
            ) { r in
                #expect(r.status == .conflict)
                #expect(r.body.json["code"] as? String == "identity_shared")
            }
            try await client.execute(
                uri: "/v1/people/\(p.id)", method: .patch, headers: bearer(b), body: jsonBody(["gender": "female"])
            ) { #expect($0.status == .conflict || $0.status == .unprocessableContent) }
            // B's phone is B's: A still sees its own.
            try await client.execute(
                uri: "/v1/people/\(p.id)", method: .patch, headers: bearer(b), body: jsonBody(["phone": "13700008888"])
            ) { #expect($0.status == .ok) }
            let a = try await login(client, "fx-ent-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/people/\(p.id)", method: .get, headers: bearer(a)) { r in
                #expect(r.body.json["name"] as? String == p.name)
                #expect(r.body.json["phone"] as? String == "13800000001")
                #expect(!String(buffer: r.body).contains("13700008888"))
                #expect(!String(buffer: r.body).contains(fx.b.enterprise.id))
            }
            // The public verification of A's certificate still answers.
            let ascii = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            let number = cert.certificate.number.addingPercentEncoding(withAllowedCharacters: ascii)!
            let name = p.name.addingPercentEncoding(withAllowedCharacters: ascii)!
            try await client.execute(uri: "/v1/public/certificates/verify?number=\(number)&name=\(name)", method: .get) {
                #expect($0.status == .ok)
            }
            // A regulator where the person is employed corrects identity, with a reason only.
            let regulator = try await login(client, "fx-reg-a", RegistryFixture.password)
            try await client.execute(
                uri: "/v1/people/\(p.id)", method: .patch, headers: bearer(regulator), body: jsonBody(["name": "人员甲"])
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("\"reason\""))
            }
            try await client.execute(
                uri: "/v1/people/\(p.id)", method: .patch, headers: bearer(regulator),
                body: jsonBody(["name": "人员甲", "reason": "户籍信息更正（身份证复印件已核）"])
            ) { r in
                #expect(r.status == .ok)
                #expect(r.body.json["name"] as? String == "人员甲")
            }
            // (The app shuts the pool down when the test client is done: read the audit here.)
            let audit = try await app.services.pool.withConnection { conn in
                try conn.query("SELECT action, change->>'reason' AS reason FROM audit_log WHERE entity_id = $1 ORDER BY id", [p.id]).rows
                    .map { (try $0.decode("action", as: String.self), try $0.decode("reason", as: String?.self)) }
            }
            #expect(audit.contains { $0.0 == "person.registered_existing" })
            #expect(audit.contains { $0.0 == "person.identity_changed" && $0.1 == "户籍信息更正（身份证复印件已核）" })
        }
    }

    @Test("refused registrations are rate-limited per user")
    func refusalsRateLimited() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let b = try await login(client, "fx-ent-b", RegistryFixture.password)
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<12 {
                try await client.execute(
                    uri: "/v1/people", method: .post, headers: bearer(b),
                    body: jsonBody(["documentNumber": fx.a.person.documentNumber, "name": "猜\(i)", "employment": [
                        "enterpriseId": fx.b.enterprise.id, "roles": ["employee"], "employmentType": "regular", "startDate": "2025-06-01",
                    ]])
                ) { statuses.append($0.status) }
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test("the import path: B's file cannot rename A's worker; nothing is written")
    func importCannotRename() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let csv = "证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期\r\n"
            + "\(fx.a.person.documentNumber),改名,13700000000,\(fx.b.enterprise.creditCode),从业人员,正式,保洁,否,2025-06-01\r\n"
        await #expect(throws: ServiceError.self) {
            _ = try await app.services.imports.run(fx.b.enterpriseUser, kind: .people, data: Data(csv.utf8), dryRun: false)
        }
        let after = try await app.services.people.get(fx.admin, id: UUID(uuidString: fx.a.person.id)!)
        #expect(after.name == fx.a.person.name)
        #expect(after.employments.count == 1)
        let same = csv.replacingOccurrences(of: ",改名,", with: ",\(fx.a.person.name),")
        let report = try await app.services.imports.run(fx.b.enterpriseUser, kind: .people, data: Data(same.utf8), dryRun: false)
        #expect(report.accepted && report.counts.employmentsCreated == 1)
    }

    @Test("a file of guesses is no oracle: refused rows count against the same per-user budget")
    func importGuessesRateLimited() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let rows = (1...12).map { i in
            "\(fx.a.person.documentNumber),猜测,13700000000,\(fx.b.enterprise.creditCode),从业人员,正式,保洁,否,2025-06-\(String(format: "%02d", i))"
        }
        let csv = (["证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期"] + rows).joined(separator: "\n")
        await #expect(throws: ServiceError.rateLimited(retryAfter: 360)) {
            _ = try await app.services.imports.run(fx.b.enterpriseUser, kind: .people, data: Data(csv.utf8), dryRun: true)
        }
        // And the single-record endpoint is now limited for that user too.
        await #expect(throws: ServiceError.self) {
            _ = try await app.services.people.create(fx.b.enterpriseUser, PersonCreate(
                documentNumber: fx.a.person.documentNumber, name: "再猜", employment: EmploymentInput(
                    enterpriseId: fx.b.enterprise.id, roles: [.employee], employmentType: .regular, post: nil, hazardousPost: nil,
                    startDate: "2025-07-01", endDate: nil)))
        }
    }
}
