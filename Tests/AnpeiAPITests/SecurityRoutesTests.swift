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

/// Issue 9: hostile and careless input through the real router.
@Suite("HTTP: hostile input, headers, passwords, usernames")
struct SecurityRoutesTests {
    @Test("§9: every response carries no-store, nosniff, a referrer policy and a CSP")
    func headers() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let token = try await login(client, "admin", "admin-password-1")
            for (uri, headers) in [("/v1/me", bearer(token)), ("/v1/me", [:]), ("/healthz", [:]), ("/v1/nowhere", [:])] as [(String, HTTPFields)] {
                try await client.execute(uri: uri, method: .get, headers: headers) { r in
                    #expect(r.headers[.cacheControl] == "no-store", "\(uri)")
                    #expect(r.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                    #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                }
            }
        }
    }

    @Test("contract: an unsupported method on a known path is 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let app = try TestApp()
        try await app.test { client in
            for method in [HTTPRequest.Method(rawValue: "TRACE")!, .delete, .put] {
                try await client.execute(uri: "/v1/enterprises", method: method) { r in
                    #expect(r.status == .methodNotAllowed, "\(method)")
                    #expect(r.headers[.allow]?.contains("GET") == true && r.headers[.allow]?.contains("POST") == true)
                    #expect(r.body.json["code"] as? String == "method_not_allowed")
                }
            }
            try await client.execute(uri: "/v1/enterprises/\(UUID())", method: .delete) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/v1/no-such-thing", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("§6: control characters are refused with 422 in JSON bodies, query strings and the login")
    func controlCharacters() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            // `admin\u0000xyz` used to sign in as admin.
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"admin\u0000xyz","password":"admin-password-1"}"#)
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect((r.body.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "control_character")
            }
            let token = try await login(client, "admin", "admin-password-1")
            try await client.execute(
                uri: "/v1/enterprises/\(fx.a.enterprise.id)", method: .patch, headers: bearer(token),
                body: ByteBuffer(string: #"{"name":"新名称\u0000截断"}"#)
            ) { r in
                #expect(r.status == .unprocessableContent)
                let errors = r.body.json["errors"] as? [[String: Any]] ?? []
                #expect(errors.first?["field"] as? String == "name")
            }
            try await client.execute(
                uri: "/v1/people/\(fx.a.person.id)", method: .patch, headers: bearer(token),
                body: ByteBuffer(string: #"{"name":"张\u001b三"}"#)
            ) { #expect($0.status == .unprocessableContent) }
            // The name did not change.
            try await client.execute(uri: "/v1/enterprises/\(fx.a.enterprise.id)", method: .get, headers: bearer(token)) { r in
                #expect(r.body.json["name"] as? String == fx.a.enterprise.name)
            }
            try await client.execute(uri: "/v1/enterprises?q=a%00b", method: .get, headers: bearer(token)) { r in
                #expect(r.status == .unprocessableContent)
            }
        }
    }

    @Test("§7 and the contract: years, dates, empty values and paging outside their ranges are 422, never 500")
    func ranges() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        let fx = try await RegistryFixture.make(app.services)
        try await app.test { client in
            let token = try await login(client, "admin", "admin-password-1")
            let bad = [
                "/v1/waves?year=2147483648", "/v1/sessions?year=2147483648", "/v1/coverage/missing?year=2147483648",
                "/v1/enterprises/\(fx.a.enterprise.id)/training?year=2147483648", "/v1/waves?year=1900",
                "/v1/coverage?year=2101", "/v1/sessions?limit=-1", "/v1/coverage/missing?limit=-1&year=2024",
                "/v1/sessions?limit=0", "/v1/enterprises?limit=501", "/v1/enterprises?offset=-1",
                "/v1/people/\(fx.a.person.id)/certificates?date=", "/v1/coverage?wave=", "/v1/coverage?year=",
                "/v1/people/\(fx.a.person.id)/certificates?date=0104-01-01", "/v1/enterprises?limit=1e3",
                "/v1/users?limit=-5",
            ]
            for uri in bad {
                try await client.execute(uri: uri, method: .get, headers: bearer(token)) { r in
                    #expect(r.status == .unprocessableContent, "\(uri) → \(r.status)")
                }
            }
            // An employment that starts in the year 104 is refused.
            try await client.execute(
                uri: "/v1/people/\(fx.a.person.id)/employments", method: .post, headers: bearer(token),
                body: jsonBody(["enterpriseId": fx.a.enterprise.id, "roles": ["employee"], "employmentType": "regular",
                                "startDate": "0104-01-01"])
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect((r.body.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "out_of_range")
            }
        }
    }

    @Test("§8: resetting one's own password needs the current one; common passwords are refused")
    func passwords() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let token = try await login(client, "admin", "admin-password-1")
            let me = try await client.execute(uri: "/v1/me", method: .get, headers: bearer(token)) { $0.body.json["id"] as! String }
            try await client.execute(
                uri: "/v1/users/\(me)/password", method: .put, headers: bearer(token),
                body: jsonBody(["newPassword": "stolen-token-takeover-1"])
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("current_password_required"))
            }
            try await client.execute(
                uri: "/v1/users/\(me)/password", method: .put, headers: bearer(token),
                body: jsonBody(["newPassword": "stolen-token-takeover-1", "currentPassword": "wrong-guess-123"])
            ) { #expect($0.status == .unprocessableContent) }
            // The old password still works: nothing changed.
            _ = try await login(client, "admin", "admin-password-1")
            try await client.execute(
                uri: "/v1/users", method: .post, headers: bearer(token),
                body: jsonBody(["username": "weak", "role": "admin", "password": "1234567890"])
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("password_too_common"))
            }
            try await client.execute(
                uri: "/v1/users/\(me)/password", method: .put, headers: bearer(token),
                body: jsonBody(["newPassword": "a-fresh-passphrase-9", "currentPassword": "admin-password-1"])
            ) { #expect($0.status == .noContent) }
            _ = try await login(client, "admin", "a-fresh-passphrase-9")
        }
    }

    @Test("§10: look-alike usernames collide; full-width and upper case sign in as the same account")
    func usernames() async throws {
        let app = try TestApp()
        try await app.seedAdmin()
        try await app.test { client in
            let token = try await login(client, "admin", "admin-password-1")
            for name in ["ＡＤＭＩＮ", "Admin", "admin."] {
                try await client.execute(
                    uri: "/v1/users", method: .post, headers: bearer(token),
                    body: jsonBody(["username": name, "role": "admin", "password": "another-long-pass-7"])
                ) { r in
                    #expect(r.status == .conflict || r.status == .unprocessableContent, "\(name) → \(r.status)")
                }
            }
            _ = try await login(client, "ａｄｍｉｎ", "admin-password-1")
            _ = try await login(client, "ADMIN", "admin-password-1")
        }
    }

    @Test("§4: login is throttled per client address with 429 and Retry-After")
    func loginThrottle() async throws {
        let app = try TestApp()
        var config = APIConfig(host: "127.0.0.1", port: 0)
        config.loginLimit = (burst: 20, perMinute: 1)  // no refill worth counting while the test runs
        try await app.test(.router, config: config) { client in
            var statuses: [HTTPResponse.Status] = []
            // The throttle comes before the body is read or a hash is checked:
            // cheap attempts (here with an empty password) count too.
            for i in 0..<25 {
                try await client.execute(
                    uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: jsonBody(["username": "nobody\(i)", "password": ""])
                ) { r in
                    statuses.append(r.status)
                    if r.status == .tooManyRequests { #expect(Int(r.headers[HTTPField.Name("Retry-After")!] ?? "") ?? 0 > 0) }
                }
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test("§5: certificate numbers in lists are masked; the detail view shows the full number")
    func maskedCertificateNumbers() async throws {
        let app = try TestApp()
        let fx = try await RegistryFixture.make(app.services)
        let cert = try await app.services.certificates.register(fx.admin, CertificateInput(
            personId: fx.a.person.id, itemCode: "2.1", issuingAuthority: "运城市应急管理局", firstIssued: "2024-03-01"))
        let full = cert.certificate.number
        #expect(full.contains(fx.a.person.documentNumber))
        try await app.test { client in
            let token = try await login(client, "fx-ent-a", RegistryFixture.password)
            for uri in ["/v1/enterprises/\(fx.a.enterprise.id)/certificates?date=2025-01-01",
                        "/v1/enterprises/\(fx.a.enterprise.id)/unlicensed?date=2025-01-01"] {
                try await client.execute(uri: uri, method: .get, headers: bearer(token)) { r in
                    #expect(r.status == .ok)
                    let text = String(buffer: r.body)
                    #expect(!text.contains(fx.a.person.documentNumber), "\(uri) shows an ID number")
                }
            }
            try await client.execute(uri: "/v1/enterprises/\(fx.a.enterprise.id)/certificates?date=2025-01-01", method: .get,
                                     headers: bearer(token)) { r in
                let items = r.body.json["items"] as? [[String: Any]] ?? []
                #expect(items.first?["number"] as? String == CertificateNumber.mask(full))
            }
            let regulator = try await login(client, "fx-reg-a", RegistryFixture.password)
            try await client.execute(uri: "/v1/reports/certificates/people?year=2024&date=2025-01-01", method: .get,
                                     headers: bearer(regulator)) { r in
                #expect(r.status == .ok)
                #expect(!String(buffer: r.body).contains(fx.a.person.documentNumber))
            }
            try await client.execute(uri: "/v1/certificates/\(cert.certificate.id)", method: .get, headers: bearer(token)) { r in
                #expect(String(buffer: r.body).contains(full))
            }
        }
    }

    @Test("§4: X-Forwarded-For is believed only from trusted proxies")
    func trustedProxies() throws {
        guard case .success(let proxies) = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1") else {
            Issue.record("parse failed")
            return
        }
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"]) == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.7, 10.1.2.3"]) == "198.51.100.7")
        #expect(proxies.client(peer: "::ffff:127.0.0.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["not-an-ip"]) == "127.0.0.1")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.7"]) == "127.0.0.1")
        guard case .failure(let e) = TrustedProxies.parse("127.0.0.1,example.org") else {
            Issue.record("accepted a host name")
            return
        }
        #expect(e.entry == "example.org")
    }
}
