import Foundation

/// A question bank as listed: its current version.
public struct BankSummary: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// wave_sector | special_operation | three_violations | evacuation | general
    public var scopeKind: String
    public var scopeSector: String?
    public var scopeItem: String?
    /// The owning institution; absent for national banks.
    public var institutionId: String?
    public var version: Int
    public var questionCount: Int
    public var importedAt: Date?

    public init(id: String, title: String, scopeKind: String, scopeSector: String?, scopeItem: String?, institutionId: String?,
                version: Int, questionCount: Int, importedAt: Date?) {
        self.id = id
        self.title = title
        self.scopeKind = scopeKind
        self.scopeSector = scopeSector
        self.scopeItem = scopeItem
        self.institutionId = institutionId
        self.version = version
        self.questionCount = questionCount
        self.importedAt = importedAt
    }
}
