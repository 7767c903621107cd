/// What an import did: a new bank version when anything changed, none when
/// the file matches the current version (imports are idempotent).
public struct BankImportResult: Codable, Sendable, Equatable {
    public var bankId: String
    public var version: Int
    public var newVersion: Bool
    public var added: Int
    public var revised: Int
    public var removed: Int
    public var unchanged: Int
    public var warnings: [String]

    public init(bankId: String, version: Int, newVersion: Bool, added: Int, revised: Int, removed: Int, unchanged: Int, warnings: [String]) {
        self.bankId = bankId
        self.version = version
        self.newVersion = newVersion
        self.added = added
        self.revised = revised
        self.removed = removed
        self.unchanged = unchanged
        self.warnings = warnings
    }
}
