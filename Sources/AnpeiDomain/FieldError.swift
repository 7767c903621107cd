/// One problem with one input field, as reported in a validation failure.
/// `code` is stable for machines; the message is for people.
public struct FieldError: Sendable, Equatable, Error {
    public let field: String
    public let code: String
    public let message: LocalizedText
    /// For file imports: the 1-based row as a spreadsheet shows it (header = 1).
    public let row: Int?

    public init(field: String, code: String, message: LocalizedText, row: Int? = nil) {
        self.field = field
        self.code = code
        self.message = message
        self.row = row
    }

    public func at(row: Int) -> FieldError {
        FieldError(field: field, code: code, message: message, row: row)
    }
}
