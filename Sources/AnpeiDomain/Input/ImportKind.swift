/// The kinds of registry file anpei imports.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case regions, enterprises, people, institutions, certificates
}

/// What an import did (or, in a dry run, would do).
public struct ImportCounts: Codable, Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var employmentsCreated = 0
    public var employmentsUpdated = 0
    public init() {}
}
