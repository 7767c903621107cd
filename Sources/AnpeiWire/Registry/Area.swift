import AnpeiDomain

/// An area of an enterprise's premises (office, production, living, …).
public struct Area: Codable, Sendable, Equatable {
    public var id: String?
    public var kind: AreaKind
    public var name: String
    /// People working in the area, for the drills' participation share (R-DRILL-1); absent keeps the stored figure.
    public var headcount: Int?
    public init(id: String? = nil, kind: AreaKind, name: String, headcount: Int? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.headcount = headcount
    }
}
