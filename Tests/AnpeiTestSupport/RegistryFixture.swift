import AnpeiDomain
import AnpeiService
import AnpeiStore
import Foundation

/// Valid synthetic identifiers for tests and demo data.
public enum Synthetic {
    /// A credit code registered in `division` (R-USCC), unique per `serial`.
    public static func creditCode(division: String, serial: Int, kind: String = "91") -> String {
        CreditCode.sample(division: division, serial: serial, kind: kind)
    }

    /// A resident ID number (R-ID) for `region`, born on `birth`, with a sequence number.
    public static func residentID(region: String, birth: String, sequence: Int) -> String {
        let first17 = region + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence % 1000)
        return first17 + String(ResidentID.checkCharacter(for: first17))
    }
}

/// Two tenants side by side: 新绛县 (140825) and 青浦区 (310118), each with an
/// enterprise, an institution, a person and a user of every role.
public struct RegistryFixture: Sendable {
    public struct Tenant: Sendable {
        public let region: String
        public let enterprise: Enterprise
        public let institution: Institution
        public let person: Person
        public let regulator: CallContext
        public let enterpriseUser: CallContext
        public let institutionUser: CallContext
    }

    public let admin: CallContext
    public let a: Tenant
    public let b: Tenant
    /// Passwords of the fixture's users (all the same).
    public static let password = "fixture-password-1"

    public static func make(_ services: Services) async throws -> RegistryFixture {
        let system = CallContext(principal: .system(operator: "fixture"), requestID: "fixture")
        _ = try await services.users.create(system, .init(username: "fx-admin", role: "admin", password: password))
        let admin = try await call(services, "fx-admin")
        let a = try await tenant(services, admin: admin, system: system, tag: "a", region: "140825", sector: "non_coal_mine", serial: 1)
        let b = try await tenant(services, admin: admin, system: system, tag: "b", region: "310118", sector: "commerce", serial: 2)
        return RegistryFixture(admin: admin, a: a, b: b)
    }

    static func tenant(
        _ services: Services, admin: CallContext, system: CallContext, tag: String, region: String, sector: String, serial: Int
    ) async throws -> Tenant {
        let enterprise = try await services.enterprises.create(admin, EnterpriseInput(
            creditCode: Synthetic.creditCode(division: region, serial: serial), name: "企业\(tag)", regionCode: region,
            sectors: [sector], areas: [.init(kind: .office, name: "办公楼"), .init(kind: .production, name: "一号车间")]))
        let registered = try await services.institutions.create(admin, InstitutionInput(
            creditCode: Synthetic.creditCode(division: region, serial: 100 + serial, kind: "52"), name: "培训机构\(tag)",
            regionCode: region, trainingKinds: [.principal, .specialOperations], specialOpCategories: ["1", "2"]))
        // R-INST-2: an institution acts only after a passed AQ 8011 inspection.
        let institution = try await services.institutions.addInspection(admin, id: UUID(uuidString: registered.id)!, InspectionInput(
            inspectedOn: "2020-01-01", inspector: "省应急管理厅", result: "pass"))
        let person = try await services.people.create(admin, PersonCreate(
            documentNumber: Synthetic.residentID(region: region, birth: "1980-01-0\(serial)", sequence: 10 + serial),
            name: "人员\(tag)", phone: "1380000000\(serial)",
            employment: EmploymentInput(enterpriseId: enterprise.id, roles: [.principal], employmentType: .regular,
                                        post: "总经理", hazardousPost: false, startDate: "2020-01-01", endDate: nil)))
        _ = try await services.users.create(system, .init(username: "fx-reg-\(tag)", role: "regulator", regionCode: region, password: password))
        _ = try await services.users.create(system, .init(username: "fx-ent-\(tag)", role: "enterprise", enterpriseId: enterprise.id, password: password))
        _ = try await services.users.create(system, .init(username: "fx-inst-\(tag)", role: "institution", institutionId: institution.id, password: password))
        return Tenant(
            region: region, enterprise: enterprise, institution: institution, person: person,
            regulator: try await call(services, "fx-reg-\(tag)"), enterpriseUser: try await call(services, "fx-ent-\(tag)"),
            institutionUser: try await call(services, "fx-inst-\(tag)"))
    }

    /// Signs in and returns the call context, as the HTTP layer would build it.
    public static func call(_ services: Services, _ username: String) async throws -> CallContext {
        let login = try await services.auth.login(username: username, password: password, requestID: "fx", client: nil)
        return CallContext(principal: try await services.auth.authenticate(token: login.token), requestID: "fx-\(username)")
    }
}
