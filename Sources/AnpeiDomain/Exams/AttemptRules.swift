import Foundation

/// When an attempt may start, accept answers and counts as passed; the
/// signals the anti-fraud report looks for. Times come from the caller (the
/// service's clock), never from the database.
public enum AttemptRules {
    public enum StartDecision: Sendable, Equatable {
        case start(attemptNumber: Int)
        /// One active attempt per person and exam.
        case active
        case alreadyPassed
        /// R-CERT-9: one retake, then retraining.
        case retrainingRequired(failed: Int)
    }

    public struct Earlier: Sendable {
        public var submitted: Bool
        public var passed: Bool
        public init(submitted: Bool, passed: Bool) {
            self.submitted = submitted
            self.passed = passed
        }
    }

    public static func mayStart(earlier: [Earlier], retakes: Int) -> StartDecision {
        if earlier.contains(where: { !$0.submitted }) { return .active }
        if earlier.contains(where: \.passed) { return .alreadyPassed }
        let failed = earlier.count
        if failed > retakes { return .retrainingRequired(failed: failed) }
        return .start(attemptNumber: failed + 1)
    }

    public static func deadline(startedAt: Date, minutes: Int) -> Date {
        startedAt.addingTimeInterval(Double(minutes) * 60)
    }

    /// Answers are accepted up to the deadline, not after (the server's clock decides).
    public static func accepts(at time: Date, deadline: Date) -> Bool { time <= deadline }

    public static func passed(score: Double, passMark: Double) -> Bool { score + 1e-9 >= passMark }

    /// Thresholds of the anti-fraud report.
    public struct FraudThresholds: Sendable, Equatable {
        /// An attempt finished faster than this many seconds per question is implausible.
        public var minSecondsPerQuestion: Double = 4
        /// This many different candidates answering from one address …
        public var sharedAddressCandidates: Int = 5
        /// … within this window (minutes) are flagged.
        public var windowMinutes: Int = 60
        public init() {}
    }

    public static func tooFast(seconds: Double, questions: Int, thresholds: FraudThresholds = .init()) -> Bool {
        seconds < thresholds.minSecondsPerQuestion * Double(questions)
    }
}

extension AttemptRules {
    /// R-CERT-5 / R-CERT-9: a review needs a passed exam taken on or before
    /// the review, within the 12 months a passed part stays valid, and after
    /// the previous review (one exam serves one review).
    public static func examQualifies(examDate: CivilDate, reviewDate: CivilDate, previousReview: CivilDate?) -> Bool {
        guard examDate <= reviewDate, examDate > reviewDate.adding(months: -12) else { return false }
        if let previousReview, examDate <= previousReview { return false }
        return true
    }

    /// Which exam kind a purpose takes (nil: any).
    public static func kind(for purpose: String) -> Blueprint.Kind? {
        switch purpose {
        case "certificate_review": .specialOperationsTheory
        case "management_certificate": .managementCompetence
        case "retraining_case": .retraining
        case "spot_check": .spotCheck
        default: nil
        }
    }

    public static let purposes = ["certificate_review", "training_session", "management_certificate", "retraining_case", "spot_check", "practice"]
}
