/// A period a drill is owed in: the calendar year, or a half of it (H1 by
/// 30 June, H2 by 31 December).
public struct DrillPeriod: Codable, Sendable, Hashable, Comparable {
    public enum Kind: String, Codable, Sendable {
        case year, h1, h2
    }

    public var year: Int
    public var kind: Kind

    public init(year: Int, kind: Kind) {
        self.year = year
        self.kind = kind
    }

    public var start: CivilDate {
        CivilDate(year: year, month: kind == .h2 ? 7 : 1, day: 1)!
    }

    public var end: CivilDate {
        kind == .h1 ? CivilDate(year: year, month: 6, day: 30)! : CivilDate.lastDay(of: year)
    }

    public func contains(_ date: CivilDate) -> Bool { date >= start && date <= end }

    /// "2026", "2026-H1", "2026-H2".
    public var label: String { kind == .year ? String(year) : "\(year)-\(kind == .h1 ? "H1" : "H2")" }

    public init?(label: String) {
        let parts = label.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }), (2000...2100).contains(y) else { return nil }
        switch parts.count == 1 ? "" : String(parts[1]) {
        case "": self.init(year: y, kind: .year)
        case "H1": self.init(year: y, kind: .h1)
        case "H2": self.init(year: y, kind: .h2)
        default: return nil
        }
    }

    public static func < (a: DrillPeriod, b: DrillPeriod) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }

    public static func halves(of year: Int) -> [DrillPeriod] { [DrillPeriod(year: year, kind: .h1), DrillPeriod(year: year, kind: .h2)] }
}
