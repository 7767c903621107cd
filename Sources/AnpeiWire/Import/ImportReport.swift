import AnpeiDomain

/// The outcome of an import or a dry run.
public struct ImportReport: Codable, Sendable {
    public struct RowError: Codable, Sendable, Equatable {
        public var row: Int
        public var column: String
        public var code: String
        public var message: String

        public init(row: Int, column: String, code: String, message: String) {
            self.row = row
            self.column = column
            self.code = code
            self.message = message
        }
    }

    public var kind: ImportKind
    public var encoding: TextEncoding
    public var sha256: String
    public var dryRun: Bool
    /// Data rows in the file (the header not counted).
    public var rows: Int
    /// False when the file was rejected: then nothing was written.
    public var accepted: Bool
    public var counts: ImportCounts
    public var errors: [RowError]

    public init(kind: ImportKind, encoding: TextEncoding, sha256: String, dryRun: Bool, rows: Int, accepted: Bool, counts: ImportCounts, errors: [RowError]) {
        self.kind = kind
        self.encoding = encoding
        self.sha256 = sha256
        self.dryRun = dryRun
        self.rows = rows
        self.accepted = accepted
        self.counts = counts
        self.errors = errors
    }
}
