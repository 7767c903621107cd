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

@Suite("HTTP: drill rule sets (R-DRILL-1 as data)")
struct DrillRoutesTests {
    @Test("the seeded rule sets judge each seed's places; an administrator adds a successor that takes over on its date; others may not add")
    func rules() async throws {
        let app = try TestApp()
        _ = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let reg = try await login(client, "fx-reg-a", RegistryFixture.password)
            for (region, id) in [("140825100", "s0-140825"), ("141124209", "s3-141124209"), ("310118001", "s2-310118001"), ("540102", "s4-540000"),
                                 ("110101", "national-2024")] {
                try await client.execute(uri: "/v1/drill-rules/applicable?region=\(region)&date=2026-06-01", method: .get, headers: bearer(reg)) {
                    #expect($0.status == .ok && $0.body.json["id"] as? String == id, "\(region)")
                }
            }
            try await client.execute(uri: "/v1/drill-rules/applicable?region=54", method: .get, headers: bearer(reg)) {
                #expect($0.status == .unprocessableContent)
            }
            let body = jsonBody(["id": "s4-540000-2027", "name": "西藏：按区域，每半年", "jurisdiction": "540000", "effectiveFrom": "2027-01-01",
                                 "scope": "per_area", "perYear": 2, "perYearHighRisk": 2, "participationShare": 0.9, "graceDays": 60])
            try await client.execute(uri: "/v1/drill-rules", method: .post, headers: bearer(reg), body: body) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/drill-rules", method: .post, body: body) { #expect($0.status == .unauthorized) }
            let admin = try await login(client, "fx-admin", RegistryFixture.password)
            try await client.execute(uri: "/v1/drill-rules", method: .post, headers: bearer(admin), body: body) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/drill-rules", method: .post, headers: bearer(admin), body: body) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/v1/drill-rules", method: .post, headers: bearer(admin), body: jsonBody([
                "id": "bad", "name": "x", "jurisdiction": "54", "effectiveFrom": "2027-01-01", "scope": "weekly", "perYear": 3,
                "perYearHighRisk": 1, "participationShare": 1.5, "graceDays": 400])) { response in
                #expect(response.status == .unprocessableContent)
                let fields = Set(((response.body.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
                #expect(fields.isSuperset(of: ["jurisdiction", "scope", "perYear", "perYearHighRisk", "participationShare", "graceDays"]))
            }
            for (date, id) in [("2026-12-31", "s4-540000"), ("2027-01-01", "s4-540000-2027")] {
                try await client.execute(uri: "/v1/drill-rules/applicable?region=540102&date=\(date)", method: .get, headers: bearer(reg)) {
                    #expect($0.body.json["id"] as? String == id)
                }
            }
            try await client.execute(uri: "/v1/drill-rules", method: .get, headers: bearer(reg)) { #expect($0.body.jsonArray.count == 6) }
            try await client.execute(uri: "/v1/drill-rules", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("drills and the schedule through the router: the enterprise records its own; every tenant-B role gets 404 or 403; no token 401")
    func drills() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let area = try #require(fx.a.enterprise.areas.first?.id)
        let e = fx.a.enterprise.id
        let today = CivilDate.today(at: Date()).description
        try await app.test { client in
            let ent = try await login(client, "fx-ent-a", RegistryFixture.password)
            let body = jsonBody(["enterpriseId": e, "date": today, "scenario": "fire", "recorded": true,
                                 "areas": [["areaId": area, "participants": 5]]])
            let id: String = try await client.execute(uri: "/v1/drills", method: .post, headers: bearer(ent), body: body) { response in
                #expect(response.status == .created)
                return response.body.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/enterprises/\(e)/drill-schedule", method: .get, headers: bearer(ent)) {
                #expect($0.status == .ok && (($0.body.json["rule"] as? [String: Any])?["id"] as? String) == "s0-140825")
            }
            for user in ["fx-ent-b", "fx-reg-b", "fx-inst-b"] {
                let other = try await login(client, user, RegistryFixture.password)
                for uri in ["/v1/drills/\(id)", "/v1/enterprises/\(e)/drill-schedule"] {
                    try await client.execute(uri: uri, method: .get, headers: bearer(other)) {
                        #expect($0.status == .notFound || $0.status == .forbidden, "\(user) \(uri)")
                    }
                }
                try await client.execute(uri: "/v1/drills", method: .get, headers: bearer(other)) { #expect($0.status == .ok && $0.body.jsonArray.isEmpty) }
                try await client.execute(uri: "/v1/drills", method: .post, headers: bearer(other), body: body) {
                    #expect($0.status == .notFound || $0.status == .forbidden)
                }
                try await client.execute(uri: "/v1/drills/\(id)/record", method: .post, headers: bearer(other), body: body) {
                    #expect($0.status == .notFound || $0.status == .forbidden)
                }
            }
            for uri in ["/v1/drills", "/v1/drills/\(id)", "/v1/enterprises/\(e)/drill-schedule"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized) }
            }
        }
    }
}
