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

@Suite("HTTP: banks, blueprints, exam attempts")
struct ExamRoutesTests {
    @Test("through the router: an admin imports a bank (201, then 200 unchanged), a worker takes and passes an exam; the paper has no answers; other tenants get 404, no token 401")
    func endpoints() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let system = CallContext(principal: .system(operator: "test"), requestID: "t")
        _ = try await app.services.users.create(system, .init(username: "worker-a", role: "worker", personId: fx.a.person.id, password: RegistryFixture.password))
        let bankJSON = ByteBuffer(data: try JSONEncoder().encode(ExamFixture.bank))
        let blueprint = ByteBuffer(data: try JSONEncoder().encode(BlueprintView(
            id: "http-practice", title: "练习", kind: "training", bank: ExamFixture.bank.id, sections: [.init(type: "true_false", count: 10, points: 10)])))
        try await app.test { client in
            let admin = try await login(client, "fx-admin", RegistryFixture.password)
            try await client.execute(uri: "/v1/banks", method: .post, headers: bearer(admin), body: bankJSON) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/banks", method: .post, headers: bearer(admin), body: bankJSON) {
                #expect($0.status == .ok && $0.body.json["newVersion"] as? Bool == false)
            }
            try await client.execute(uri: "/v1/blueprints", method: .post, headers: bearer(admin), body: blueprint) { #expect($0.status == .created) }
            let worker = try await login(client, "worker-a", RegistryFixture.password)
            // A worker cannot read bank contents (answers).
            try await client.execute(uri: "/v1/banks/\(ExamFixture.bank.id)", method: .get, headers: bearer(worker)) { #expect($0.status == .forbidden) }
            let attempt: [String: Any] = try await client.execute(
                uri: "/v1/exam-attempts", method: .post, headers: bearer(worker),
                body: jsonBody(["blueprintId": "http-practice", "purpose": "practice"])
            ) { response in
                #expect(response.status == .created)
                #expect(!String(buffer: response.body).contains("\"answer\""))
                return response.body.json
            }
            let id = attempt["id"] as? String ?? ""
            let items = attempt["items"] as? [[String: Any]] ?? []
            let key = Dictionary(ExamFixture.bank.questions.map { ($0.stem, $0.answer) }, uniquingKeysWith: { a, _ in a })
            let answers: [[String: Any]] = items.map { item in
                guard case .truth(let t)? = key[item["stem"] as? String ?? ""] else { return ["position": item["position"] ?? 0] }
                return ["position": item["position"] ?? 0, "truth": t]
            }
            try await client.execute(uri: "/v1/exam-attempts/\(id)/answers", method: .put, headers: bearer(worker), body: jsonBody(["answers": answers])) {
                #expect($0.status == .ok)
            }
            // Tenant B sees nothing of it; no token is 401; a late answer position is 422.
            let otherEnterprise = try await login(client, "fx-ent-b", RegistryFixture.password)
            try await client.execute(uri: "/v1/exam-attempts/\(id)", method: .get, headers: bearer(otherEnterprise)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/exam-attempts/\(id)", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/exam-attempts/\(id)/answers", method: .put, headers: bearer(worker),
                                     body: jsonBody(["answers": [["position": 99, "truth": true]]])) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/v1/exam-attempts/\(id)/submission", method: .post, headers: bearer(worker)) {
                #expect($0.status == .ok)
                #expect($0.body.json["passed"] as? Bool == true && $0.body.json["score"] as? Double == 100)
            }
            try await client.execute(uri: "/v1/banks/\(ExamFixture.bank.id)/stats", method: .get, headers: bearer(admin)) {
                #expect($0.status == .ok && $0.body.json["attempts"] as? Int == 1)
            }
            // A proctored attempt without its key is 401.
            try await client.execute(uri: "/v1/proctored-attempts/\(id)", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}
