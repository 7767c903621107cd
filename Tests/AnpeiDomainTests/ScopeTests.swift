import AnpeiDomain
import Testing

@Suite("Role scopes")
struct ScopeTests {
    @Test("each role gets exactly its own kind of scope")
    func valid() throws {
        #expect(try Scope.make(role: .admin, regionCode: nil, institutionID: nil, enterpriseID: nil).get() == .all)
        #expect(try Scope.make(role: .regulator, regionCode: "140825", institutionID: nil, enterpriseID: nil).get()
            == .region(RegionCode("140825")!))
        #expect(try Scope.make(role: .institution, regionCode: nil, institutionID: "i1", enterpriseID: nil).get()
            == .institution("i1"))
        #expect(try Scope.make(role: .enterprise, regionCode: nil, institutionID: nil, enterpriseID: "e1").get()
            == .enterprise("e1"))
    }

    @Test("missing, foreign or malformed scope fields are field errors")
    func invalid() {
        func fields(_ r: Result<Scope, ValidationFailure>) -> [String] {
            if case .failure(let f) = r { return f.errors.map { "\($0.field):\($0.code)" } }
            return []
        }
        #expect(fields(Scope.make(role: .regulator, regionCode: nil, institutionID: nil, enterpriseID: nil))
            == ["regionCode:required"])
        #expect(fields(Scope.make(role: .regulator, regionCode: "14", institutionID: nil, enterpriseID: nil))
            == ["regionCode:invalid_region_code"])
        #expect(fields(Scope.make(role: .admin, regionCode: "140000", institutionID: nil, enterpriseID: nil))
            == ["regionCode:not_allowed_for_role"])
        #expect(fields(Scope.make(role: .enterprise, regionCode: nil, institutionID: "i", enterpriseID: nil))
            == ["institutionId:not_allowed_for_role", "enterpriseId:required"])
    }

    @Test("coverage: regulators see their region and below, tenants only themselves")
    func covers() {
        let county = RegionCode("140825")!
        let town = RegionCode("140825100")!
        let other = RegionCode("141124")!
        #expect(Scope.all.covers(region: other))
        #expect(Scope.region(RegionCode("140800")!).covers(region: town))
        #expect(!Scope.region(RegionCode("140800")!).covers(region: other))
        #expect(Scope.region(county).covers(region: county))
        #expect(!Scope.region(county).covers(region: nil))
        #expect(Scope.institution("a").covers(region: county, institutionID: "a"))
        #expect(!Scope.institution("a").covers(region: county, institutionID: "b"))
        #expect(Scope.enterprise("e").covers(region: nil, enterpriseID: "e"))
        #expect(!Scope.enterprise("e").covers(region: county, institutionID: "e"))
    }
}
