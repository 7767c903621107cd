import AnpeiDomain

public struct InstitutionInput: Codable, Sendable {
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var trainingKinds: [TrainingKind]
    public var specialOpCategories: [String]

    public init(creditCode: String, name: String, regionCode: String, trainingKinds: [TrainingKind], specialOpCategories: [String]) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.trainingKinds = trainingKinds
        self.specialOpCategories = specialOpCategories
    }
}
