/// One problem with one input field, as reported in a validation failure.
/// `code` is stable for machines; the message is for people.
public struct FieldError: Sendable, Equatable, Error {
    public let field: String
    public let code: String
    public let message: LocalizedText

    public init(field: String, code: String, message: LocalizedText) {
        self.field = field
        self.code = code
        self.message = message
    }
}
