/// An administrative division (统计用区划代码: 6-digit province, prefecture and
/// county codes, 9-digit townships and streets).
public struct Region: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var parentCode: String?
    /// No longer in the latest edition of the national list; kept because
    /// records may still refer to it.
    public var withdrawn: Bool

    public init(code: String, name: String, parentCode: String? = nil, withdrawn: Bool = false) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.withdrawn = withdrawn
    }
}
