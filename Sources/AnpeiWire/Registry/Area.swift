import AnpeiDomain

/// An area of an enterprise's premises (office, production, living, …).
public struct Area: Codable, Sendable, Equatable {
    public var id: String?
    public var kind: AreaKind
    public var name: String
    public init(id: String? = nil, kind: AreaKind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }
}
