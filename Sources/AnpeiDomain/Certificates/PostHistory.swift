/// R-CERT-8 (MEM-30 Art. 32): a holder off special-operations posts for the
/// rule set's months or more must pass the practical exam again before working.
/// Judged for the date asked from the employment history, so a gap between two
/// employments counts as much as the one since the last; only a passed
/// practical exam taken after the gap began clears it (a new employment does not).
public enum PostHistory {
    public struct Gap: Sendable, Equatable {
        /// The first day off post.
        public var from: CivilDate
        /// The day back on post; nil while still off post on the date asked.
        public var backOn: CivilDate?
    }

    /// The earliest gap of the minimum length, up to `date`, not cleared by a
    /// passed practical exam; nil when none.
    public static func uncleared(_ cert: SpecialOpCertificate, on date: CivilDate, rules: CertificateRuleSet) -> Gap? {
        // Only spells begun by the date; a spell ending after it is still open then.
        let spells = cert.posts.filter { $0.start <= date }.sorted { $0.start < $1.start }
        guard !spells.isEmpty else { return nil }
        var gaps: [Gap] = []
        var coveredUntil: CivilDate? = spells[0].end.flatMap { $0 < date ? $0 : nil }
        var open = coveredUntil == nil
        for spell in spells.dropFirst() {
            if !open, let until = coveredUntil, spell.start > until.adding(days: 1) {
                gaps.append(Gap(from: until.adding(days: 1), backOn: spell.start))
            }
            if let end = spell.end, end < date {
                if !open { coveredUntil = max(coveredUntil!, end) }
            } else {
                open = true
            }
        }
        if !open, let until = coveredUntil { gaps.append(Gap(from: until.adding(days: 1), backOn: nil)) }
        // The exam that issued the certificate is a practical exam too.
        let exams = cert.practicalExams.filter { $0 <= date } + [cert.firstIssued]
        return gaps.first { gap in
            // Counted from the last day on post, as the months of R-DATE-1.
            let long = gap.from.adding(days: -1).adding(months: rules.offPostMonthsForPracticalExam) <= (gap.backOn ?? date)
            return long && !exams.contains { $0 >= gap.from }
        }
    }
}
