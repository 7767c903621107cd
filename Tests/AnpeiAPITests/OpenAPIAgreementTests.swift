import AnpeiAPI
import AnpeiTestSupport
import Foundation
import Testing
import Yams

/// The routes the router serves and the paths openapi.yaml documents must be
/// the same set, so neither can drift from the other.
@Suite("OpenAPI document agrees with the router")
struct OpenAPIAgreementTests {
    @Test("every route is documented and every documented operation is routed")
    func agreement() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
        let yaml = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
        #expect(yaml["openapi"] as? String == "3.1.0")
        let paths = try #require(yaml["paths"] as? [String: Any])
        var documented = Set<String>()
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for (path, item) in paths {
            for (key, _) in (item as? [String: Any]) ?? [:] where methods.contains(key) {
                documented.insert("\(key.uppercased()) \(path)")
            }
        }
        let services = try TestDatabase.services()
        let routed = Set(buildRouter(services: services).routes.map { route in
            // The router writes captures as "{id}" or ":id"; OpenAPI uses "{id}".
            let path = route.path.description.split(separator: "/").map { part -> String in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(routed.count >= 12)
    }

    @Test("the served document is the repository's openapi.yaml")
    func servedIsRepoCopy() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
        let repo = try Data(contentsOf: url)
        let served = OpenAPIDocument.load()
        #expect(Data(served.readableBytesView) == repo)
    }
}
