/// An RFC 9457 problem document. `code` is stable for machines; `detail` is
/// in Simplified Chinese unless the client asked for English.
public struct Problem: Codable, Sendable {
    /// One bad field (or, for files, one bad cell with its row).
    public struct Item: Codable, Sendable {
        public var field: String
        public var code: String
        public var message: String
        public var row: Int?
        public init(field: String, code: String, message: String, row: Int? = nil) {
            self.field = field
            self.code = code
            self.message = message
            self.row = row
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var code: String
    public var instance: String?
    public var requestId: String
    public var errors: [Item]?

    public init(type: String, title: String, status: Int, detail: String, code: String, instance: String?, requestId: String,
                errors: [Item]?) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.instance = instance
        self.requestId = requestId
        self.errors = errors
    }
}
