import AnpeiAPI
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTTP: registry endpoints")
struct RegistryRoutesTests {
    /// Issue 11 §1 (R-REGION): the seed jurisdictions' codes, names and parents
    /// come back right from the API, from the national division codes.
    @Test("GET /v1/regions answers the statistical division codes of the seed jurisdictions")
    func seedRegions() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let token = try await login(client, "fx-reg-b", RegistryFixture.password)
            func regions(_ parent: String) async throws -> [String: (String, String?)] {
                try await client.execute(uri: "/v1/regions?parent=\(parent)", method: .get, headers: bearer(token)) { response in
                    #expect(response.status == .ok)
                    var out: [String: (String, String?)] = [:]
                    for r in response.body.jsonArray { out[r["code"] as? String ?? ""] = (r["name"] as? String ?? "", r["parentCode"] as? String) }
                    return out
                }
            }
            let xinjiang = try await regions("140825")
            #expect(xinjiang["140825100"]?.0 == "龙兴镇")
            #expect(xinjiang["140825107"]?.0 == "泉掌镇" && xinjiang["140825108"]?.0 == "横桥镇")
            #expect(xinjiang["140825400"]?.0 == "新绛县社区" && xinjiang["140825498"]?.0 == "新绛县经济技术开发区")
            #expect(xinjiang.count == 11 && xinjiang.values.allSatisfy { $0.1 == "140825" })
            #expect(try await regions("310118")["310118001"]?.0 == "夏阳街道")
            #expect(try await regions("310000")["310100"]?.0 == "市辖区")
            #expect(try await regions("310100")["310118"]?.0 == "青浦区")
            #expect(try await regions("141124")["141124209"]?.0 == "安家庄乡")
            #expect(try await regions("141100")["141124"]?.0 == "临县")
            #expect(try await regions("540000").count == 7)
        }
        _ = fx
    }

    /// Every registry endpoint that names a record, called by each of tenant B's
    /// users with tenant A's ids: always 404, as if the record did not exist.
    @Test("each role is refused another tenant's records on every endpoint")
    func tenantIsolation() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let a = fx.a
            let employmentID = a.person.employments[0].id
            let calls: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.get, "/v1/enterprises/\(a.enterprise.id)", nil),
                (.patch, "/v1/enterprises/\(a.enterprise.id)", ["name": "x"]),
                (.get, "/v1/people/\(a.person.id)", nil),
                (.patch, "/v1/people/\(a.person.id)", ["name": "x"]),
                (.post, "/v1/people/\(a.person.id)/employments",
                 ["enterpriseId": a.enterprise.id, "roles": ["employee"], "employmentType": "regular", "startDate": "2025-01-01"]),
                (.patch, "/v1/employments/\(employmentID)", ["endDate": "2025-01-01"]),
                (.get, "/v1/institutions/\(a.institution.id)", nil),
                (.patch, "/v1/institutions/\(a.institution.id)", ["name": "x"]),
                (.post, "/v1/institutions/\(a.institution.id)/status", ["status": "cleared_out"]),
                (.post, "/v1/institutions/\(a.institution.id)/inspections",
                 ["inspectedOn": "2024-01-01", "inspector": "x", "result": "fail"]),
            ]
            for user in ["fx-reg-b", "fx-ent-b", "fx-inst-b"] {
                let token = try await login(client, user, RegistryFixture.password)
                for (method, uri, body) in calls {
                    try await client.execute(uri: uri, method: method, headers: bearer(token), body: body.map(jsonBody)) { response in
                        #expect(response.status == .notFound, "\(user) \(method) \(uri) → \(response.status)")
                        #expect(response.body.json["code"] as? String == "not_found")
                    }
                }
                // Lists never show tenant A's records.
                for uri in ["/v1/enterprises", "/v1/people", "/v1/institutions",
                            "/v1/people?documentNumber=\(a.person.documentNumber)"] {
                    try await client.execute(uri: uri, method: .get, headers: bearer(token)) { response in
                        #expect(response.status == .ok)
                        let ids = (response.body.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                        #expect(!ids.contains(a.enterprise.id) && !ids.contains(a.person.id) && !ids.contains(a.institution.id),
                                "\(user) sees tenant A in \(uri)")
                    }
                }
            }
            // Without a token every registry endpoint is 401.
            for uri in ["/v1/enterprises", "/v1/people", "/v1/institutions", "/v1/sectors", "/v1/regions", "/v1/special-operations"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test("an enterprise registers its staff over HTTP; lists mask, details do not")
    func registerStaff() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let token = try await login(client, "fx-ent-b", RegistryFixture.password)
            let number = Synthetic.residentID(region: "310118", birth: "1996-02-29", sequence: 41)
            let id: String = try await client.execute(
                uri: "/v1/people", method: .post, headers: bearer(token),
                body: jsonBody(["documentNumber": number, "name": "王五", "phone": "13912345678",
                                "employment": ["enterpriseId": fx.b.enterprise.id, "roles": ["special_operations", "employee"],
                                               "employmentType": "outsourced", "post": "电工", "startDate": "2025-03-01"]])
            ) { response in
                #expect(response.status == .created)
                #expect(response.body.json["gender"] as? String == "male")
                #expect(response.body.json["birthDate"] as? String == "1996-02-29")
                return response.body.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/people?q=王五", method: .get, headers: bearer(token)) { response in
                let item = (response.body.json["items"] as? [[String: Any]])?.first
                #expect(item?["documentNumber"] as? String == "310118********" + String(number.suffix(4)))
            }
            try await client.execute(uri: "/v1/people/\(id)", method: .get, headers: bearer(token)) { response in
                #expect(response.body.json["documentNumber"] as? String == number)
            }
            // A bad number: 422 with the field and the R-ID code, in English on request.
            var headers = bearer(token)
            headers[.acceptLanguage] = "en"
            try await client.execute(
                uri: "/v1/people", method: .post, headers: headers,
                body: jsonBody(["documentNumber": "310118199602300411", "name": "错号",
                                "employment": ["enterpriseId": fx.b.enterprise.id, "roles": ["employee"],
                                               "employmentType": "regular", "startDate": "2025-03-01"]])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = (response.body.json["errors"] as? [[String: Any]])?.first
                #expect(error?["field"] as? String == "documentNumber")
                #expect(error?["code"] as? String == "id_birth_date")
                #expect(error?["message"] as? String == "the birth date does not exist")
            }
            try await client.execute(uri: "/v1/people?limit=0", method: .get, headers: bearer(token)) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/enterprises?region=12", method: .get, headers: bearer(token)) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/special-operations", method: .get, headers: bearer(token)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("煤矿探放水作业"))
            }
        }
    }
}
