/// `POST /v1/rule-sets` and `anpei ruleset add FILE`: a certificate rule set
/// (the fields of `RuleSetView`, flat) and, when it brings one, the
/// special-operations catalogue it uses. Administrators only.
public struct RuleSetInput: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// A catalogue version (作业类别 and 操作项目, codes "category.item").
    public struct Catalogue: Codable, Sendable {
        public var version: String
        public var name: String
        public var categories: [Entry]
        public var items: [Entry]
        public init(version: String, name: String, categories: [Entry], items: [Entry]) {
            self.version = version
            self.name = name
            self.categories = categories
            self.items = items
        }
    }

    /// The rule set's id, name, effective date, numbers and catalogue version.
    public var rules: RuleSetView
    /// A new catalogue version, when `rules.catalogueVersion` is not one yet.
    public var catalogue: Catalogue?

    public init(rules: RuleSetView, catalogue: Catalogue? = nil) {
        self.rules = rules
        self.catalogue = catalogue
    }

    enum CodingKeys: String, CodingKey { case catalogue }

    /// One flat object on the wire: the rule set's fields beside `catalogue`.
    public init(from decoder: Decoder) throws {
        rules = try RuleSetView(from: decoder)
        catalogue = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Catalogue.self, forKey: .catalogue)
    }

    public func encode(to encoder: Encoder) throws {
        try rules.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(catalogue, forKey: .catalogue)
    }
}
