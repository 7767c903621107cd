import AnpeiDomain
import AnpeiStore
import Foundation

public struct CoverageQuery: Sendable {
    public var region: String?
    public var year: Int
    public var wave: UUID?
    public var sector: String?
    /// R-WAVE-6: the date the population is taken on; default today within the
    /// year, or 31 December of a past year.
    public var asOf: CivilDate?
    public init(region: String?, year: Int, wave: UUID? = nil, sector: String? = nil, asOf: CivilDate? = nil) {
        self.region = region
        self.year = year
        self.wave = wave
        self.sector = sector
        self.asOf = asOf
    }
}

extension TrainingService {
    /// R-WAVE-6: the as-of date of a coverage question, inside its year.
    func asOf(_ q: CoverageQuery) throws -> CivilDate {
        guard (2000...2100).contains(q.year) else {
            throw ServiceError.validation([FieldError(field: "year", code: "out_of_range", message: LocalizedText(zh: "年份无效", en: "invalid year"))])
        }
        let first = CivilDate(year: q.year, month: 1, day: 1)!
        let last = CivilDate.lastDay(of: q.year)
        if let asked = q.asOf {
            guard asked >= first, asked <= last else {
                throw ServiceError.validation([FieldError(field: "date", code: "outside_year", message: LocalizedText(
                    zh: "统计日期须在\(q.year)年度内", en: "the date must lie in \(q.year)"))])
            }
            return asked
        }
        return max(first, min(today, last))
    }

    public func coverage(_ call: CallContext, _ q: CoverageQuery) async throws -> CoverageReport {
        let region = try call.jurisdiction(q.region)
        let asOf = try asOf(q)
        return try await db.read { conn in
            let ref = ReferenceRepository(conn)
            let children = try ref.regions(parent: region.value)
            let regionName = try Self.regionName(conn, region.value)
            // Children by their LIKE prefix; an enterprise registered at the region
            // itself (no child matches) counts as the region's own level.
            let childLength = region.childPrefixLength
            var byPrefix: [String: (code: String, name: String)] = [:]
            for c in children { if let code = RegionCode(c.code) { byPrefix[code.prefix] = (c.code, c.name) } }
            let repo = TrainingRepository(conn)
            let rows = try repo.coverage(regionPrefix: region.prefix, year: q.year, asOf: asOf, wave: q.wave, sector: q.sector,
                                         childPrefixLength: childLength)
            let waves = try repo.waves(year: q.year, applicableTo: nil).filter { w in
                // Waves reaching into the region: set above it (national included) or inside it.
                let j = TrainingService.prefix(w.jurisdiction)
                return (j.hasPrefix(region.prefix) || region.prefix.hasPrefix(j))
                    && (q.wave.map { $0 == w.id } ?? true) && (q.sector == nil || w.sectorCode == q.sector)
            }
            let byWave = Dictionary(grouping: rows, by: \.waveID)
            return CoverageReport(regionCode: region.value, regionName: regionName, year: q.year, asOf: asOf.description, waves: waves.map { w in
                let mine = byWave[w.id.lowercased] ?? []
                let total = mine.first { $0.region == nil }
                return CoverageReport.WaveCoverage(
                    wave: Wave(w),
                    figures: CoverageFigures(target: total?.target ?? 0, completed: total?.completed ?? 0, enrolled: total?.enrolled ?? 0),
                    children: Self.children(mine, byPrefix: byPrefix, region: region.value, regionName: regionName))
            })
        }
    }

    /// The people not yet trained (enrolled but not completed, or not enrolled);
    /// `limit` nil for every one (CSV export).
    public func missing(_ call: CallContext, _ q: CoverageQuery, limit: Int?, offset: Int) async throws -> [MissingPerson] {
        let region = try call.jurisdiction(q.region)
        let asOf = try asOf(q)
        return try await db.read { conn in
            try TrainingRepository(conn).missing(regionPrefix: region.prefix, year: q.year, asOf: asOf, wave: q.wave, sector: q.sector,
                                                 limit: limit.map { min(max($0, 1), 1000) }, offset: max(offset, 0))
        }.map(MissingPerson.init)
    }

    /// The missing list as CSV for Excel: UTF-8 with BOM, CRLF, Chinese headers.
    public func missingCSV(_ call: CallContext, _ q: CoverageQuery) async throws -> String {
        let people = try await missing(call, q, limit: nil, offset: 0)
        return CSVExport.document(headers: ["培训批次", "姓名", "证件号码", "单位", "行政区划", "状态"], rows: people.map { p in
            [p.waveTitle, p.name, p.documentMasked, p.enterpriseName, p.regionCode, p.status == "enrolled" ? "已报名未结业" : "未报名"]
        })
    }

    public func enterpriseStatus(_ call: CallContext, enterprise id: UUID, year: Int) async throws -> [EnterpriseTrainingRow] {
        let scope = ScopeFilter(call.principal.scope)
        // Any year the query allows; a year without waves simply lists nothing.
        let asOf = max(CivilDate(year: year, month: 1, day: 1) ?? today, min(today, CivilDate.lastDay(of: year)))
        return try await db.read { conn in
            guard let e = try EnterpriseRepository(conn).find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "enterprise") }
            let repo = TrainingRepository(conn)
            var out: [EnterpriseTrainingRow] = []
            let all = try repo.missing(regionPrefix: RegionCode(e.regionCode)?.prefix ?? e.regionCode, year: year, asOf: asOf, wave: nil,
                                       sector: nil, limit: nil, offset: 0)
            // R-WAVE-7: the waves whose sector the enterprise falls under.
            let tree = try ReferenceRepository(conn).sectorTree()
            let waves = try repo.waves(year: year, applicableTo: e.regionCode)
                .filter {
                    $0.kind == .sasacBatch ? e.keyEnterprise && e.ownership.map($0.owners.contains) == true
                        : tree.covers(waveSector: $0.sectorCode, enterpriseSectors: e.sectors)
                }
            let targets = try repo.targets(enterprise: id, year: year)
            for w in waves {
                for t in targets where t.waveID == w.id.lowercased {
                    let missing = all.first { $0.waveId == w.id.lowercased && $0.personId == t.personID }
                    out.append(.init(wave: Wave(w), personId: t.personID, name: t.name, status: missing?.status ?? "completed"))
                }
            }
            return out
        }
    }

    /// Per-child figures keyed by the child's code; rows whose key matches no
    /// child (enterprises registered at the region itself) merge into one
    /// "本级" line. Such merged people are counted per key, so a person with
    /// employments under two keys is counted in each (as in each child).
    static func children(_ rows: [CoverageRow], byPrefix: [String: (code: String, name: String)], region: String, regionName: String)
        -> [CoverageReport.Area]
    {
        var merged: [String: (name: String, target: Int, completed: Int, enrolled: Int)] = [:]
        for r in rows {
            guard let key = r.region else { continue }
            let (code, name) = byPrefix[key].map { ($0.code, $0.name) } ?? (region, "\(regionName)（本级）")
            var m = merged[code] ?? (name, 0, 0, 0)
            m.target += r.target
            m.completed += r.completed
            m.enrolled += r.enrolled
            merged[code] = m
        }
        return merged.map { code, m in
            CoverageReport.Area(regionCode: code, regionName: m.name,
                                figures: CoverageFigures(target: m.target, completed: m.completed, enrolled: m.enrolled))
        }.sorted { $0.regionCode < $1.regionCode }
    }

    static func regionName(_ conn: PGConnection, _ code: String) throws -> String {
        try ReferenceRepository(conn).regionName(code) ?? code
    }
}
