import AnpeiDomain
import AnpeiStore
import Foundation

/// Regulator staff who attend sessions as observers (跟班参训, R-WAVE-3) and
/// their three-year training coverage (S2 §27, S4 §27).
extension TrainingService {
    /// The three years of the 治本攻坚 action.
    static let supervisoryPeriod = (from: 2024, to: 2026)

    public func addSupervisoryStaff(_ call: CallContext, _ input: SupervisoryStaffInput) async throws -> SupervisoryStaff {
        var v = Validator()
        let authorityField = v.text(input.authority, "authority", max: 100)
        let startField = v.date(input.startDate, "startDate")
        let end = v.date(input.endDate, "endDate", required: false)
        if let s = startField, let e = end, e < s { v.add("endDate", "before_start", zh: "结束日期早于开始日期", en: "ends before it starts") }
        let regionField = RegionCode(input.regionCode)
        if regionField == nil { v.add("regionCode", "unknown_region", zh: "未知行政区划：\(input.regionCode)", en: "no such region") }
        let (authority, start, region) = try v.finish(authorityField, startField, regionField)
        // Administrators register anyone; a regulator the staff of its own region and below.
        switch call.principal.scope {
        case .all: break
        case .region(let mine) where call.principal.role == .regulator && mine.contains(region): break
        case .region where call.principal.role == .regulator: throw ServiceError.notFound(entity: "region")
        default: throw ServiceError.forbidden
        }
        let person = try PersonService.validatePerson(
            documentType: input.documentType, number: input.documentNumber, name: input.name, gender: nil, birthDate: nil, today: today)
        let period = Self.supervisoryPeriod
        return try await db.write(call) { conn, audit in
            guard try ReferenceRepository(conn).regionExists(region.value) else {
                throw ServiceError.validation([FieldError(field: "regionCode", code: "unknown_region", message: LocalizedText(
                    zh: "未知行政区划：\(region.value)", en: "no such region"))])
            }
            let people = PersonRepository(conn)
            let personID: UUID
            if let existing = try people.findID(documentType: person.documentType, number: person.documentNumber) {
                // The same refusal as a registration under another name: no "registered" oracle.
                guard try written(people.find(id: existing, scope: ScopeFilter(.all))).name == person.name else { throw PersonService.documentRefused }
                personID = existing
            } else {
                personID = try people.insert(person)
                try audit.record(action: "person.created", entityType: "person", entityID: personID.lowercased, change: PersonService.auditFields(person))
            }
            let repo = SupervisoryStaffRepository(conn)
            let id: UUID
            do {
                id = try repo.insert(personID: personID, authority: authority, regionCode: region.value, start: start, end: end)
            } catch let e as StoreError where e.uniqueKey == .supervisoryStaff {
                throw ServiceError.conflict(code: "staff_exists", field: "documentNumber", message: LocalizedText(
                    zh: "该人员已登记为此单位的监管人员", en: "already registered as staff of this authority"))
            }
            try audit.record(action: "supervisory_staff.registered", entityType: "supervisory_staff", entityID: id.lowercased, change: [
                "personId": .string(personID.lowercased), "authority": .string(authority), "regionCode": .string(region.value),
            ])
            let rows = try repo.list(regionPrefix: region.prefix, from: CivilDate(year: period.from, month: 1, day: 1)!,
                                     to: CivilDate.lastDay(of: period.to), id: id)
            guard let row = rows.first else {
                // Serving entirely outside the action's three years: shown without observations.
                return SupervisoryStaff(id: id.lowercased, personId: personID.lowercased, name: person.name,
                                        documentMasked: IdentityDocument.mask(person.documentNumber), authority: authority,
                                        regionCode: region.value, startDate: start.description, endDate: end?.description, sessionsObserved: 0)
            }
            return Self.staffView(row)
        }
    }

    /// S2 §27 / S4 §27: staff serving in the region during 2024–2026 and those
    /// who attended at least one session as observers in that period.
    public func supervisoryCoverage(_ call: CallContext, region: String?) async throws -> SupervisoryCoverage {
        let code = try call.jurisdiction(region)
        let period = Self.supervisoryPeriod
        let rows = try await db.read { conn in
            try SupervisoryStaffRepository(conn).list(regionPrefix: code.prefix, from: CivilDate(year: period.from, month: 1, day: 1)!,
                                                      to: CivilDate.lastDay(of: period.to))
        }
        let people = rows.map(Self.staffView)
        let covered = people.filter { $0.sessionsObserved > 0 }.count
        return SupervisoryCoverage(regionCode: code.value, fromYear: period.from, toYear: period.to, staff: people.count, covered: covered,
                                   rate: people.isEmpty ? nil : Double(covered) / Double(people.count), people: people)
    }

    static func staffView(_ r: SupervisoryStaffRepository.Row) -> SupervisoryStaff {
        SupervisoryStaff(id: r.id.lowercased, personId: r.personID.lowercased, name: r.name, documentMasked: IdentityDocument.mask(r.document),
                         authority: r.authority, regionCode: r.regionCode, startDate: r.startDate.description,
                         endDate: r.endDate?.description, sessionsObserved: r.sessionsObserved, lastObserved: r.lastObserved?.description)
    }
}
