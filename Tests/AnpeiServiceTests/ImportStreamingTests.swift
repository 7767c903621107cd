import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 9 §2: imports read, check and stage a chunk at a time; checks across
/// rows run in SQL over the staged file; the error list is capped.
@Suite("CSV imports in chunks")
struct ImportStreamingTests {
    static let header = "证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期"

    /// Distinct valid resident IDs: birth dates vary with `i`, sequence numbers too.
    static func id(_ i: Int) -> String {
        let day = CivilDate(year: 1970, month: 1, day: 1)!.adding(days: i / 900)
        return Synthetic.residentID(region: "140825", birth: day.description, sequence: i % 900 + 10)
    }

    static func row(_ i: Int, _ fx: RegistryFixture, name: String? = nil) -> String {
        "\(id(i)),\(name ?? "工人\(i)"),13900000000,\(fx.a.enterprise.creditCode),从业人员,正式,电工,否,2023-03-01"
    }

    @Test("a repeat across chunks is found (row 12,001 repeats row 2); nothing is written")
    func crossChunkRepeat() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        var rows = (0..<12_000).map { Self.row($0, fx) }
        rows.append(Self.row(0, fx, name: "另一个名字"))  // row 12,002 of the file: same document as row 2
        let csv = ([Self.header] + rows).joined(separator: "\r\n") + "\r\n"
        let report = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: true)
        #expect(!report.accepted)
        #expect(report.rows == 12_001)
        #expect(Set(report.errors.map(\.row)) == [12_002])
        // Other identity than row 2, and the same employment as row 2.
        #expect(Set(report.errors.map(\.code)) == ["conflicting_repeat", "duplicate_row"])
        #expect(report.errors.allSatisfy { $0.message.contains("第2行") })
        await #expect(throws: ServiceError.self) {
            _ = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: false)
        }
        let people = try await services.pool.withConnection { try $0.query("SELECT count(*) AS n FROM people").first!.decode("n", as: Int.self) }
        #expect(people == 2)  // the fixture's two
    }

    @Test("the error list keeps the first 1,000 rows and counts the rest")
    func errorCap() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let rows = (0..<1_250).map { i in "1408251980010100\(String(format: "%02d", i % 100)),工人\(i),13900000000,\(fx.a.enterprise.creditCode),从业人员,正式,电工,否,2023-03-01" }
        let csv = ([Self.header] + rows).joined(separator: "\n")
        let report = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: true)
        #expect(!report.accepted)
        #expect(report.errors.count == 1_001)
        #expect(report.errors.last?.code == "more_errors")
        #expect(report.errors.last?.message.contains("另有") == true, "\(report.errors.last?.message ?? "")")
        #expect(report.errors.first?.row == 2)
    }

    @Test("a file source reads the same as a buffer: GB18030, quoted line breaks, blank lines")
    func fileSource() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        var rows = (0..<7_000).map { Self.row($0, fx) }
        rows.insert("", at: 3)
        rows[10] = "\(Self.id(9_999)),\"张\n三\",13900000000,\(fx.a.enterprise.creditCode),从业人员,正式,\"电工\n（高压）\",否,2023-03-01"
        let text = ([Self.header] + rows).joined(separator: "\r\n")
        let data = try TextDecoding.encodeGB18030(text)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anpei-stream-\(UUID()).csv").path
        FileManager.default.createFile(atPath: path, contents: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try await services.imports.run(fx.admin, kind: .people, source: .file(path), dryRun: true)
        let fromData = try await services.imports.run(fx.admin, kind: .people, data: data, dryRun: true)
        #expect(fromFile.encoding == .gb18030)
        #expect(fromFile.sha256 == fromData.sha256 && fromFile.rows == fromData.rows)
        #expect(fromFile.errors.map(\.row) == fromData.errors.map(\.row))
        // The multi-line name and post are refused (one-line fields); nothing else is wrong.
        #expect(Set(fromFile.errors.map(\.row)) == [12])
        #expect(fromFile.errors.allSatisfy { $0.code == "control_character" })
    }

    @Test("one import at a time per tenant: a second one is refused with busy")
    func gate() async throws {
        let gate = ImportGate(perTenant: 1, total: 2)
        let call = CallContext(principal: .system(operator: "gate-test"), requestID: "g")
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await gate.run(call) {
                enteredContinuation.yield()
                for await _ in stream { break }
            }
        }
        for await _ in entered { break }
        await #expect(throws: ServiceError.busy(retryAfter: 30)) {
            try await gate.run(call) {}
        }
        continuation.yield()
        try await first.value
        try await gate.run(call) {}  // free again
    }
}
