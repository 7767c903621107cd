import AnpeiAPI
import AnpeiService
import AnpeiTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTTP: /v1/users")
struct UserRoutesTests {
    @Test("admins create, read, list, disable, enable and reset; others are refused")
    func lifecycle() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let admin = try await login(client, "admin", "admin-password-1")
            let id: String = try await client.execute(
                uri: "/v1/users", method: .post, headers: bearer(admin),
                body: jsonBody(["username": "xj-reg", "displayName": "新绛县应急局", "role": "regulator",
                                "regionCode": "140825", "password": "regulator-pass-1"])
            ) { response in
                #expect(response.status == .created)
                let id = response.body.json["id"] as? String ?? ""
                #expect(response.headers[.location] == "/v1/users/\(id)")
                return id
            }
            try await client.execute(
                uri: "/v1/users", method: .post, headers: bearer(admin),
                body: jsonBody(["username": "XJ-REG", "role": "admin", "password": "regulator-pass-1"])
            ) { response in
                #expect(response.status == .conflict)
                #expect(response.body.json["code"] as? String == "username_taken")
            }
            try await client.execute(uri: "/v1/users/\(id)", method: .get, headers: bearer(admin)) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["regionCode"] as? String == "140825")
            }
            try await client.execute(uri: "/v1/users?role=regulator&limit=10", method: .get, headers: bearer(admin)) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/v1/users?limit=abc", method: .get, headers: bearer(admin)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.body.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "limit")
            }
            try await client.execute(uri: "/v1/users/not-a-uuid", method: .get, headers: bearer(admin)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/users/\(UUID().uuidString)", method: .get, headers: bearer(admin)) {
                #expect($0.status == .notFound)
            }

            // The regulator can sign in, but cannot administer users.
            let reg = try await login(client, "xj-reg", "regulator-pass-1")
            try await client.execute(uri: "/v1/users", method: .get, headers: bearer(reg)) { response in
                #expect(response.status == .forbidden)
                #expect(response.body.json["code"] as? String == "forbidden")
            }
            try await client.execute(
                uri: "/v1/users/\(id)", method: .patch, headers: bearer(reg), body: jsonBody(["disabled": false])
            ) { #expect($0.status == .forbidden) }

            // Disabling cuts the regulator off at once.
            try await client.execute(
                uri: "/v1/users/\(id)", method: .patch, headers: bearer(admin), body: jsonBody(["disabled": true])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.body.json["disabled"] as? Bool == true)
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: bearer(reg)) { #expect($0.status == .unauthorized) }
            try await client.execute(
                uri: "/v1/users/\(id)", method: .patch, headers: bearer(admin), body: jsonBody(["disabled": false])
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/users/\(id)/password", method: .put, headers: bearer(admin),
                body: jsonBody(["newPassword": "fresh-password-3"])
            ) { #expect($0.status == .noContent) }
            _ = try await login(client, "xj-reg", "fresh-password-3")
            // (The services shut down with the application, so check inside.)
            let verify = try await app.services.audit.verify(CallContext(principal: .system(operator: "t"), requestID: "v"))
            #expect(verify.firstBadRow == nil)
            #expect(verify.rowsChecked >= 8)
        }
    }
}
