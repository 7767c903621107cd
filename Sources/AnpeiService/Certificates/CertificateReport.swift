import AnpeiDomain
import AnpeiStore
import Foundation

extension CertificateService {
    /// `kind` for drill-down: without_valid | not_on_register | not_registered | expiring_90 | lapsed | all.
    struct Gathered {
        var workers: [(personID: String, name: String, regionCode: String, sectors: [String])]
        var certificates: [String: [StaffCertificateRow]]
        var on: CivilDate
        var regionNames: [String: String]
        var sectorNames: [String: String]
    }

    func gather(_ call: CallContext, region: String?, year: Int, date: CivilDate?) async throws -> (RegionCode, Gathered) {
        guard call.principal.role == .admin || call.principal.role == .regulator else { throw ServiceError.forbidden }
        let code: RegionCode
        switch (call.principal.scope, region.flatMap(RegionCode.init)) {
        case (.region(let mine), nil): code = mine
        case (.region(let mine), let asked?):
            guard mine.contains(asked) else { throw ServiceError.notFound(entity: "region") }
            code = asked
        case (.all, let asked?): code = asked
        default:
            throw ServiceError.validation([FieldError(field: "region", code: "required",
                message: LocalizedText(zh: "请指定行政区划代码", en: "region is required"))])
        }
        guard (2000...2100).contains(year) else {
            throw ServiceError.validation([FieldError(field: "year", code: "out_of_range", message: LocalizedText(zh: "年份无效", en: "invalid year"))])
        }
        let yearEnd = CivilDate.lastDay(of: year)
        let on = date ?? min(today, yearEnd)
        let gathered = try await db.read { conn -> Gathered in
            let repo = CertificateRepository(conn)
            let workers = try repo.specialOperationsWorkers(
                regionPrefix: code.prefix, from: "\(year)-01-01", to: yearEnd.description)
            let sets = try rules.get(conn)
            var certificates: [String: [StaffCertificateRow]] = [:]
            for row in try repo.forPeople(Array(Set(workers.map(\.personID)))) {
                certificates[row.personID.lowercased, default: []].append(Self.staffRow(try view(row, sets: sets, on: on)))
            }
            var regionNames: [String: String] = [:]
            for r in try ReferenceRepository(conn).regions(parent: code.value) { regionNames[r.code] = r.name }
            var sectorNames: [String: String] = [:]
            for s in try ReferenceRepository(conn).sectors() { sectorNames[s.code] = s.nameZh }
            return Gathered(workers: workers, certificates: certificates, on: on, regionNames: regionNames, sectorNames: sectorNames)
        }
        return (code, gathered)
    }

    public func report(_ call: CallContext, region: String?, year: Int, date: CivilDate? = nil) async throws -> CertificateReport {
        let (code, g) = try await gather(call, region: region, year: year, date: date)
        var total = CertificateReport.Figures(key: code.value, name: code.value)
        var bySector: [String: CertificateReport.Figures] = [:]
        var byChild: [String: CertificateReport.Figures] = [:]
        // A person counts once per group even with several employments in it.
        var counted = Set<String>()
        for w in g.workers {
            let certs = g.certificates[w.personID] ?? []
            let child = Self.childRegion(of: w.regionCode, under: code)
            let groups = [("total", "")] + w.sectors.map { ("sector", $0) } + (child.map { [("child", $0)] } ?? [])
            for (kind, key) in groups where counted.insert("\(kind)|\(key)|\(w.personID)").inserted {
                func bump(_ f: inout CertificateReport.Figures) { Self.count(&f, certs, on: g.on) }
                switch kind {
                case "total": bump(&total)
                case "sector":
                    var f = bySector[key] ?? .init(key: key, name: g.sectorNames[key] ?? key)
                    bump(&f)
                    bySector[key] = f
                default:
                    var f = byChild[key] ?? .init(key: key, name: g.regionNames[key] ?? key)
                    bump(&f)
                    byChild[key] = f
                }
            }
        }
        return CertificateReport(
            regionCode: code.value, year: year, date: g.on.description,
            registrationDeadline: Self.nationalRegisterDeadline.description, total: total,
            bySector: bySector.values.sorted { $0.key < $1.key }, byChildRegion: byChild.values.sorted { $0.key < $1.key })
    }

    /// The people behind a count: `kind` is all, without_valid, not_on_register,
    /// not_registered, expiring_90 or lapsed.
    public func reportPeople(_ call: CallContext, region: String?, year: Int, sector: String?, kind: String, date: CivilDate? = nil)
        async throws -> [ReportPerson]
    {
        let (_, g) = try await gather(call, region: region, year: year, date: date)
        var seen = Set<String>()
        return g.workers.compactMap { w -> ReportPerson? in
            guard sector.map(w.sectors.contains) ?? true, seen.insert(w.personID).inserted else { return nil }
            let certs = g.certificates[w.personID] ?? []
            let include: Bool = switch kind {
            case "without_valid": !certs.contains { $0.status.mayWork }
            case "not_on_register": !certs.contains { Self.registered($0, on: g.on) }
            case "not_registered": certs.contains(where: \.status.mayWork) && !certs.contains { Self.registered($0, on: g.on) }
            case "expiring_90": certs.contains { Self.expiring($0, within: 90, on: g.on) }
            case "lapsed": Self.lapsedOnly(certs)
            default: true
            }
            return include ? ReportPerson(personId: w.personID, name: w.name, regionCode: w.regionCode, sectors: w.sectors, certificates: certs) : nil
        }.sorted { $0.name < $1.name }
    }

    static func count(_ f: inout CertificateReport.Figures, _ certs: [StaffCertificateRow], on: CivilDate) {
        f.workers += 1
        if certs.contains(where: \.status.mayWork) { f.withValidCertificate += 1 }
        if certs.contains(where: { registered($0, on: on) }) {
            f.onRegister += 1
        } else if certs.contains(where: \.status.mayWork) {
            f.notRegistered += 1
        }
        if certs.contains(where: { expiring($0, within: 30, on: on) }) { f.expiringIn30 += 1 }
        if certs.contains(where: { expiring($0, within: 60, on: on) }) { f.expiringIn60 += 1 }
        if certs.contains(where: { expiring($0, within: 90, on: on) }) { f.expiringIn90 += 1 }
        if lapsedOnly(certs) { f.lapsed += 1 }
    }

    /// R-CERT-2 (S0 §5): all special-operations workers on the networked register by the end of 2026.
    static let nationalRegisterDeadline = CivilDate(year: 2026, month: 12, day: 31)!

    /// R-CERT-2: only a certificate valid on the date and registered nationally by then counts.
    static func registered(_ c: StaffCertificateRow, on: CivilDate) -> Bool {
        guard c.status.mayWork, let d = c.nationalRegistration.flatMap(CivilDate.init(iso:)) else { return false }
        return d <= on
    }

    /// R-CERT-13: a lapsed certificate and nothing valid beside it.
    static func lapsedOnly(_ certs: [StaffCertificateRow]) -> Bool {
        certs.contains { $0.status.state == .lapsed } && !certs.contains(where: \.status.mayWork)
    }

    static func expiring(_ c: StaffCertificateRow, within days: Int, on: CivilDate) -> Bool {
        guard c.status.mayWork, let end = CivilDate(iso: c.validityEnd) else { return false }
        return end >= on && end <= on.adding(days: days)
    }

    /// R-REGION: the direct child of `region` that contains `code`.
    static func childRegion(of code: String, under region: RegionCode) -> String? {
        switch region.level {
        case .province: String(code.prefix(4)) + "00"
        case .prefecture: String(code.prefix(6))
        case .county: code.count == 9 ? code : nil
        case .township: nil
        }
    }
}
