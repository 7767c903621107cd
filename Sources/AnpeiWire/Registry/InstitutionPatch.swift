import AnpeiDomain

public struct InstitutionPatch: Codable, Sendable {
    public var creditCode: String?
    public var name: String?
    public var regionCode: String?
    public var trainingKinds: [TrainingKind]?
    public var specialOpCategories: [String]?
    public init() {}
}
