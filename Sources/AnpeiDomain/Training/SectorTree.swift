/// R-WAVE-7: sectors and unit types form a hierarchy (e.g. 医疗卫生 ⊃ 医院 ⊃
/// 二级/三级医院). A wave covers its sector and everything under it; two waves
/// of the same year and target role are equivalent for a person whose
/// enterprise sector falls under both.
public struct SectorTree: Sendable, Equatable {
    /// Each code's parent (absent for a root).
    public var parents: [String: String]

    public init(parents: [String: String]) { self.parents = parents }

    /// `code` itself and its ancestors, nearest first.
    public func lineage(_ code: String) -> [String] {
        var out = [code]
        var seen: Set<String> = [code]
        while let p = parents[out.last!], seen.insert(p).inserted { out.append(p) }
        return out
    }

    /// Whether `code` is `ancestor` or lies under it.
    public func isUnder(_ code: String, _ ancestor: String) -> Bool { lineage(code).contains(ancestor) }

    /// A wave of `waveSector` covers an enterprise of any of `enterpriseSectors` under it.
    public func covers(waveSector: String?, enterpriseSectors: [String]) -> Bool {
        guard let waveSector else { return false }
        return enterpriseSectors.contains { isUnder($0, waveSector) }
    }


    /// R-WAVE-7: completing `other` counts for `wave` for a person whose
    /// enterprise (with these sectors) falls under both waves (same year and
    /// target role): a 夏阳 grade-III hospital is under the national
    /// 二级三级医院 wave and the street's 医院 wave alike.
    public func equivalent(_ wave: TrainingWave, _ other: TrainingWave, enterpriseSectors: [String]) -> Bool {
        guard wave.year == other.year, wave.targetRole == other.targetRole else { return false }
        switch (wave.sectorCode, other.sectorCode) {
        case let (a?, b?): return covers(waveSector: a, enterpriseSectors: enterpriseSectors) && covers(waveSector: b, enterpriseSectors: enterpriseSectors)
        case (nil, nil): return true   // SASAC batches of the year: one is enough (R-WAVE-9)
        default: return false
        }
    }
}
