import Foundation

/// Item analysis ("Exams (general)" in DOMAIN.md): difficulty p = mean score /
/// max; discrimination D = p(upper 27%) − p(lower 27%), people ranked by total
/// with a stable descending sort (ties keep their input order), n =
/// round(0.27 × people); corrected point-biserial (item against the rest
/// score); KR-20 / Cronbach's α for the exam.
public enum ItemAnalysis {
    public struct Item: Sendable, Equatable {
        public var p: Double
        public var d: Double
        /// Nil when the item or the rest score does not vary.
        public var pointBiserial: Double?
    }

    public struct Result: Sendable, Equatable {
        public var items: [Item]
        /// KR-20 for 0/1 items (= Cronbach's α); nil with fewer than two items
        /// or no variance in totals.
        public var alpha: Double?
    }

    /// `scores[person][item]` as fractions of the item's maximum (0…1).
    public static func analyse(_ scores: [[Double]]) -> Result {
        let people = scores.count
        let k = scores.first?.count ?? 0
        guard people > 0, k > 0 else { return Result(items: [], alpha: nil) }
        let totals = scores.map { $0.reduce(0, +) }
        let order = totals.indices.sorted { a, b in totals[a] != totals[b] ? totals[a] > totals[b] : a < b }
        let n = max(1, Int((0.27 * Double(people)).rounded()))
        let upper = order.prefix(n), lower = order.suffix(n)
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        func variance(_ xs: [Double]) -> Double {
            let m = mean(xs)
            return xs.isEmpty ? 0 : xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count)
        }
        var items: [Item] = []
        for i in 0..<k {
            let column = scores.map { $0[i] }
            let p = mean(column)
            let d = mean(upper.map { scores[$0][i] }) - mean(lower.map { scores[$0][i] })
            let rest = scores.indices.map { totals[$0] - scores[$0][i] }
            items.append(Item(p: p, d: d, pointBiserial: correlation(column, rest)))
        }
        let itemVariance = (0..<k).map { i in variance(scores.map { $0[i] }) }.reduce(0, +)
        let totalVariance = variance(totals)
        let alpha: Double? = k < 2 || totalVariance == 0 ? nil : Double(k) / Double(k - 1) * (1 - itemVariance / totalVariance)
        return Result(items: items, alpha: alpha)
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}

extension ItemAnalysis {
    /// Review flags for an item: too easy (p > .90), too hard (p < .20),
    /// discriminating the wrong way (D or r < 0), or barely (D < .20).
    public static func flags(p: Double, d: Double?, pointBiserial: Double?) -> [String] {
        var out: [String] = []
        if p > 0.9 { out.append("too_easy") }
        if p < 0.2 { out.append("too_hard") }
        if (d ?? 0) < 0 || (pointBiserial ?? 0) < 0 {
            out.append("negative_discrimination")
        } else if let d, d < 0.2 {
            out.append("low_discrimination")
        }
        return out
    }
}
