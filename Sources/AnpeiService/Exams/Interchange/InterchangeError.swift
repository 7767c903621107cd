import AnpeiDomain
import Foundation

/// Why a file of questions was refused. It carries every problem found, not
/// only the first, so that one upload shows the author all there is to mend;
/// a refused file yields no questions at all (all-or-nothing).
public struct InterchangeError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        /// Where: for GIFT the line on which the question starts, for a question
        /// sheet the spreadsheet row (header = 1), for Moodle XML the ordinal of
        /// the `<question>` element (1-based). Nil for the file as a whole.
        public var row: Int?
        /// The column (question sheet) or part of the question; nil when the
        /// whole question or file is meant.
        public var field: String?
        /// Stable for machines, e.g. `unknown_type`, `unsupported_kind`.
        public var code: String
        public var message: LocalizedText

        public init(row: Int?, field: String?, code: String, message: LocalizedText) {
            self.row = row
            self.field = field
            self.code = code
            self.message = message
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One problem.
    public init(row: Int?, field: String? = nil, code: String, zh: String, en: String) {
        problems = [Problem(row: row, field: field, code: code, message: LocalizedText(zh: zh, en: en))]
    }

    /// The problems as the API reports validation failures elsewhere.
    public var fieldErrors: [FieldError] {
        problems.map { FieldError(field: $0.field ?? "file", code: $0.code, message: $0.message, row: $0.row) }
    }

    public var description: String {
        problems.map { p in
            let place = p.row.map { "[\($0)] " } ?? ""
            return "\(place)\(p.field.map { "\($0) " } ?? "")\(p.code): \(p.message.zh) / \(p.message.en)"
        }.joined(separator: "\n")
    }
}
