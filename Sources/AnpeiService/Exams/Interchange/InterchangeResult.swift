import AnpeiDomain

/// The questions read from a GIFT, Moodle XML or question-sheet file.
public struct InterchangeResult: Sendable, Equatable {
    public var questions: [Question]
    /// The last category the file names (`$CATEGORY:` in GIFT, a category
    /// pseudo-question in Moodle XML), without Moodle's `$course$/top/`.
    public var category: String?
    /// What was filled in by default and should be checked by a person, e.g. a
    /// question from a Moodle site has no legal source, so it reads "未注明".
    public var warnings: [LocalizedText]

    public init(questions: [Question], category: String? = nil, warnings: [LocalizedText] = []) {
        self.questions = questions
        self.category = category
        self.warnings = warnings
    }
}
