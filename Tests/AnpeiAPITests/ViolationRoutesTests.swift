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

@Suite("HTTP: violations and retraining cases")
struct ViolationRoutesTests {
    @Test("through the router: an enterprise records a violation (201) and the case is off post; every tenant-B role gets 404 on each case endpoint; no token 401; reinstatement without hours is 409")
    func endpoints() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let today = CivilDate.today(at: Date()).description
        try await app.test { client in
            let ent = try await login(client, "fx-ent-a", RegistryFixture.password)
            let body = jsonBody(["personId": fx.a.person.id, "enterpriseId": fx.a.enterprise.id, "occurredOn": today, "kind": "illegal_operation"])
            let caseID: String = try await client.execute(uri: "/v1/violations", method: .post, headers: bearer(ent), body: body) { response in
                #expect(response.status == .created)
                #expect(response.body.json["status"] as? String == "open")
                return response.body.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/violations", method: .post, body: body) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/retraining-cases/\(caseID)/reinstatement", method: .post, headers: bearer(ent),
                                     body: jsonBody(["date": today])) { #expect($0.status == .conflict) }
            for user in ["fx-ent-b", "fx-reg-b", "fx-inst-b"] {
                let other = try await login(client, user, RegistryFixture.password)
                try await client.execute(uri: "/v1/retraining-cases/\(caseID)", method: .get, headers: bearer(other)) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/v1/retraining-cases/\(caseID)/hours", method: .post, headers: bearer(other),
                                         body: jsonBody(["date": today, "hours": 8])) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/v1/retraining-cases/\(caseID)/reinstatement", method: .post, headers: bearer(other),
                                         body: jsonBody(["date": today])) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/v1/retraining-cases", method: .get, headers: bearer(other)) {
                    #expect($0.status == .ok && $0.body.jsonArray.isEmpty)
                }
                try await client.execute(uri: "/v1/violations", method: .post, headers: bearer(other), body: body) {
                    #expect($0.status == .notFound || $0.status == .forbidden)
                }
            }
            let reg = try await login(client, "fx-reg-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/retraining-cases?status=open", method: .get, headers: bearer(reg)) {
                #expect($0.body.jsonArray.count == 1)
            }
        }
    }

    @Test("through the router: inspections and the spot-exam report are the inspecting region's only")
    func inspections() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let today = CivilDate.today(at: Date()).description
        try await app.test { client in
            let reg = try await login(client, "fx-reg-a", RegistryFixture.password)
            let id: String = try await client.execute(uri: "/v1/inspections", method: .post, headers: bearer(reg),
                                                      body: jsonBody(["enterpriseId": fx.a.enterprise.id, "date": today])) { response in
                #expect(response.status == .created)
                return response.body.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/reports/spot-exams", method: .get, headers: bearer(reg)) {
                #expect($0.status == .ok && ($0.body.json["rows"] as? [Any])?.count == 1)
            }
            for user in ["fx-ent-b", "fx-reg-b", "fx-inst-b", "fx-ent-a"] {
                let other = try await login(client, user, RegistryFixture.password)
                try await client.execute(uri: "/v1/inspections/\(id)", method: .get, headers: bearer(other)) {
                    #expect($0.status == (user == "fx-ent-a" ? .ok : .notFound))  // the inspected enterprise sees its own
                }
                try await client.execute(uri: "/v1/inspections", method: .post, headers: bearer(other),
                                         body: jsonBody(["enterpriseId": fx.a.enterprise.id, "date": today])) {
                    #expect($0.status == .forbidden || $0.status == .notFound)
                }
                try await client.execute(uri: "/v1/reports/spot-exams?region=140825", method: .get, headers: bearer(other)) {
                    #expect($0.status == .forbidden || $0.status == .notFound)
                }
            }
            try await client.execute(uri: "/v1/inspections/\(id)", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}
