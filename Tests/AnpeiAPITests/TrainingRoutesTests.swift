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

@Suite("HTTP: training waves, sessions, coverage")
struct TrainingRoutesTests {
    @Test("an institution registers and runs a session; regulators see coverage; every tenant-B role is refused tenant A's records")
    func endpoints() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../db/waves").standardized
        try await app.test { client in
            let admin = try await login(client, "fx-admin", RegistryFixture.password)
            for file in ["national.yaml", "140825-xinjiang.yaml"] {
                let text = try String(contentsOf: plans.appendingPathComponent(file), encoding: .utf8)
                try await client.execute(uri: "/v1/waves/plans", method: .post, headers: bearer(admin), body: ByteBuffer(string: text)) {
                    #expect($0.status == .ok)
                    #expect(($0.body.json["created"] as? Int) == 5)
                }
            }
            let inst = try await login(client, "fx-inst-a", RegistryFixture.password)
            let waves: [[String: Any]] = try await client.execute(uri: "/v1/waves?year=2024&region=140825", method: .get, headers: bearer(inst)) {
                (try? JSONSerialization.jsonObject(with: Data($0.body.readableBytesView))) as? [[String: Any]] ?? []
            }
            #expect(waves.count == 4)  // national and county, principals and hospitals
            let waveID = waves.first { $0["jurisdiction"] as? String == "140825" && $0["sectorCode"] as? String == "non_coal_mine" }?["id"] as? String ?? ""
            let sessionID: String = try await client.execute(
                uri: "/v1/sessions", method: .post, headers: bearer(inst),
                body: jsonBody(["waveId": waveID, "kind": "main", "venue": "县党校", "regionCode": "140825", "startDate": "2024-05-06",
                                "endDate": "2024-05-08", "hoursPerDay": 8, "capacity": 20,
                                "modules": TrainingModule.allCases.map(\.rawValue)])
            ) { response in
                #expect(response.status == .created)
                return response.body.json["id"] as? String ?? ""
            }
            // Too short: a Chinese message naming R-WAVE-2.
            try await client.execute(
                uri: "/v1/sessions", method: .post, headers: bearer(inst),
                body: jsonBody(["waveId": waveID, "kind": "main", "venue": "x", "regionCode": "140825", "startDate": "2024-06-03",
                                "endDate": "2024-06-04", "hoursPerDay": 8, "capacity": 20, "modules": TrainingModule.allCases.map(\.rawValue)])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = (response.body.json["errors"] as? [[String: Any]])?.first
                #expect(error?["code"] as? String == "too_short" && (error?["message"] as? String ?? "").contains("R-WAVE-2"))
            }
            try await client.execute(uri: "/v1/sessions/\(sessionID)/enrollments", method: .post, headers: bearer(inst),
                                     body: jsonBody(["personId": fx.a.person.id])) { #expect($0.status == .created) }
            let csv = "证件号码,姓名\n\(fx.a.person.documentNumber),\(fx.a.person.name)\n"
            try await client.execute(uri: "/v1/sessions/\(sessionID)/enrollments/import?dryRun=true", method: .post, headers: bearer(inst),
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["accepted"] as? Bool == true)  // already enrolled: unchanged
                #expect(response.body.json["unchanged"] as? Int == 1)
            }
            let regA = try await login(client, "fx-reg-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/coverage?year=2024&sector=non_coal_mine", method: .get, headers: bearer(regA)) { response in
                #expect(response.status == .ok)
                let waves = response.body.json["waves"] as? [[String: Any]] ?? []
                #expect(waves.count == 2)
                for w in waves {
                    let f = w["figures"] as? [String: Any]
                    #expect(f?["target"] as? Int == 1 && f?["enrolled"] as? Int == 1 && f?["completed"] as? Int == 0)
                }
            }
            try await client.execute(uri: "/v1/coverage/missing?year=2024&format=csv", method: .get, headers: bearer(regA)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
                #expect(String(buffer: response.body).contains(fx.a.person.name))
            }
            let entA = try await login(client, "fx-ent-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/enterprises/\(fx.a.enterprise.id)/training?year=2024", method: .get, headers: bearer(entA)) { response in
                #expect(response.status == .ok)
                let rows = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]] ?? []
                #expect(rows.count == 2 && rows.allSatisfy { $0["status"] as? String == "enrolled" })
            }
            // Enterprise A sees the session its principal is enrolled in, not its roster.
            try await client.execute(uri: "/v1/sessions/\(sessionID)", method: .get, headers: bearer(entA)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/sessions/\(sessionID)/roster", method: .get, headers: bearer(entA)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/coverage?year=2024", method: .get, headers: bearer(entA)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/public/training-records/ABCDEFGHJK", method: .get) { #expect($0.status == .notFound) }

            // Tenant B: the session, its roster and its changes are invisible (404); coverage of A's region is 404
            // for B's regulator and 403 for the others; B's enterprise user cannot read A's enterprise.
            let calls: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.get, "/v1/sessions/\(sessionID)", nil),
                (.get, "/v1/sessions/\(sessionID)/roster", nil),
                (.post, "/v1/sessions/\(sessionID)/enrollments", ["personId": fx.b.person.id]),
                (.post, "/v1/sessions/\(sessionID)/status", ["status": "cancelled", "reason": "x"]),
                (.post, "/v1/sessions/\(sessionID)/attendance", ["day": "2024-05-06", "entries": []]),
                (.get, "/v1/enterprises/\(fx.a.enterprise.id)/training?year=2024", nil),
                (.get, "/v1/coverage?region=140825&year=2024", nil),
                (.get, "/v1/coverage/missing?region=140825&year=2024", nil),
            ]
            for user in ["fx-reg-b", "fx-ent-b", "fx-inst-b"] {
                let token = try await login(client, user, RegistryFixture.password)
                for (method, uri, body) in calls {
                    try await client.execute(uri: uri, method: method, headers: bearer(token), body: body.map(jsonBody)) { response in
                        let coverage = uri.hasPrefix("/v1/coverage")
                        let expected: HTTPResponse.Status = coverage && user != "fx-reg-b" ? .forbidden : .notFound
                        #expect(response.status == expected, "\(user) \(method) \(uri) → \(response.status)")
                    }
                }
                let sessions: [[String: Any]] = try await client.execute(uri: "/v1/sessions?year=2024", method: .get, headers: bearer(token)) {
                    (try? JSONSerialization.jsonObject(with: Data($0.body.readableBytesView))) as? [[String: Any]] ?? []
                }
                #expect(sessions.isEmpty, "\(user) lists A's session")
            }
        }
    }
}
