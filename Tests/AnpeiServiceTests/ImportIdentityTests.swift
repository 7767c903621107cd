import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 11 §5: no file changes the name, gender or birth date of a person
/// another enterprise employs; the row is reported with the single-record
/// path's own code (identity_shared), and nothing is written.
@Suite("People import: identity of a person employed elsewhere (issue 11 §5)")
struct ImportIdentityTests {
    static let header = "证件号码,姓名,性别,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期\r\n"

    func codes(_ services: Services, _ call: CallContext, _ csv: String) async throws -> [String] {
        do {
            _ = try await services.imports.run(call, kind: .people, data: Data(csv.utf8), dryRun: false)
            return []
        } catch ServiceError.validation(let errors) {
            return errors.map { "\($0.row ?? 0):\($0.code)" }
        }
    }

    @Test("an enterprise's file renaming its own worker whom another enterprise also employs: identity_shared, row 2, nothing written")
    func sharedWorker() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let a = fx.a.person
        // B takes A's worker on too (same name: allowed).
        let join = Self.header + "\(a.documentNumber),\(a.name),,,\(fx.b.enterprise.creditCode),从业人员,正式,保洁,否,2025-06-01\r\n"
        _ = try await services.imports.run(fx.b.enterpriseUser, kind: .people, data: Data(join.utf8), dryRun: false)
        // Now A's own file renames the worker, or changes the gender: refused with the code of the single-record path.
        let rename = Self.header + "\(a.documentNumber),改了名,,,\(fx.a.enterprise.creditCode),主要负责人,正式,总经理,否,2020-01-01\r\n"
        #expect(try await codes(services, fx.a.enterpriseUser, rename) == ["2:identity_shared"])
        // B too, for the worker it now employs.
        let renameB = Self.header + "\(a.documentNumber),改了名,,,\(fx.b.enterprise.creditCode),从业人员,正式,保洁,否,2025-06-01\r\n"
        #expect(try await codes(services, fx.b.enterpriseUser, renameB) == ["2:identity_shared"])
        // And an administrator's file (corrections go one by one, with a reason).
        #expect(try await codes(services, fx.admin, rename) == ["2:identity_shared"])
        let after = try await services.people.get(fx.admin, id: UUID(uuidString: a.id)!)
        #expect(after.name == a.name && after.gender == a.gender)
        // The single-record path refuses the enterprise alike.
        do {
            _ = try await services.people.update(fx.a.enterpriseUser, id: UUID(uuidString: a.id)!, PersonPatch(name: "改了名"))
            Issue.record("renamed")
        } catch ServiceError.conflict(let code, _, _) {
            #expect(code == "identity_shared")
        }
    }

    @Test("a worker only the row's enterprise employs may still be corrected by its file")
    func ownWorker() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let a = fx.a.person
        let rename = Self.header + "\(a.documentNumber),新名字,,,\(fx.a.enterprise.creditCode),主要负责人,正式,总经理,否,2020-01-01\r\n"
        #expect(try await codes(services, fx.a.enterpriseUser, rename) == [])
        #expect(try await services.people.get(fx.admin, id: UUID(uuidString: a.id)!).name == "新名字")
    }
}
