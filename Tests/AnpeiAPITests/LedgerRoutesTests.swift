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

@Suite("HTTP: the training-hours ledger and the 三违 reports")
struct LedgerRoutesTests {
    @Test("through the router: the enterprise records and reads its ledger; every tenant-B role gets 404 or 403 on each new endpoint; no token 401")
    func tenancy() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let today = CivilDate.today(at: Date()).description
        let e = fx.a.enterprise.id
        try await app.test { client in
            let ent = try await login(client, "fx-ent-a", RegistryFixture.password)
            let body = jsonBody(["enterpriseId": e, "kind": "annual", "date": today, "hours": 8, "attendees": [fx.a.person.id]])
            let eventID: String = try await client.execute(uri: "/v1/training-events", method: .post, headers: bearer(ent), body: body) { response in
                #expect(response.status == .created)
                #expect(response.body.json["kindLabel"] as? String == "年度再培训")
                return response.body.json["id"] as? String ?? ""
            }
            let csv = "培训类别,培训日期,学时,证件号码,姓名\r\nannual,\(today),4,\(fx.a.person.documentNumber),人员a\r\n"
            try await client.execute(uri: "/v1/enterprises/\(e)/training-events/import?dryRun=true", method: .post, headers: bearer(ent),
                                     body: ByteBuffer(string: csv)) {
                #expect($0.status == .ok && $0.body.json["accepted"] as? Bool == true && $0.body.json["attendancesAdded"] as? Int == 1)
            }
            try await client.execute(uri: "/v1/enterprises/\(e)/training-hours?format=csv", method: .get, headers: bearer(ent)) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            }
            try await client.execute(uri: "/v1/enterprises/\(e)/safety-report", method: .get, headers: bearer(ent)) {
                #expect($0.status == .ok && ($0.body.json["workers"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/v1/enterprises/\(e)/safety-report?format=csv&part=repeat", method: .get, headers: bearer(ent)) {
                #expect($0.status == .ok && String(buffer: $0.body).contains("12个月内违章次数"))
            }
            let reg = try await login(client, "fx-reg-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/reports/safety", method: .get, headers: bearer(reg)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/reports/safety/people?measure=violations&month=1", method: .get, headers: bearer(reg)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/reports/safety/people?month=1", method: .get, headers: bearer(reg)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/v1/reports/injury-prevention", method: .get, headers: bearer(reg)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/training-events/\(eventID)", method: .get, headers: bearer(reg)) { #expect($0.status == .ok) }

            let reads = ["/v1/training-events/\(eventID)", "/v1/enterprises/\(e)/training-hours", "/v1/enterprises/\(e)/safety-report",
                         "/v1/reports/safety?region=140825", "/v1/reports/safety/people?measure=violations&month=1&region=140825",
                         "/v1/reports/injury-prevention?region=140825"]
            for user in ["fx-ent-b", "fx-reg-b", "fx-inst-b"] {
                let other = try await login(client, user, RegistryFixture.password)
                for uri in reads {
                    try await client.execute(uri: uri, method: .get, headers: bearer(other)) {
                        #expect($0.status == .notFound || $0.status == .forbidden, "\(user) \(uri): \($0.status)")
                    }
                }
                try await client.execute(uri: "/v1/training-events", method: .get, headers: bearer(other)) {
                    #expect($0.status == .ok && $0.body.jsonArray.isEmpty)
                }
                try await client.execute(uri: "/v1/training-events", method: .post, headers: bearer(other), body: body) {
                    #expect($0.status == .notFound || $0.status == .forbidden)
                }
                try await client.execute(uri: "/v1/enterprises/\(e)/training-events/import", method: .post, headers: bearer(other),
                                         body: ByteBuffer(string: csv)) { #expect($0.status == .notFound || $0.status == .forbidden) }
            }
            for uri in reads + ["/v1/training-events"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(uri: "/v1/training-events", method: .post, body: body) { #expect($0.status == .unauthorized) }
        }
    }
}
