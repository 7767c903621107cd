/// An inspection at an enterprise, whose workers are examined on the spot (逢查必考, R-3V-3).
public struct SafetyInspectionInput: Codable, Sendable {
    public var enterpriseId: String
    public var date: String
    public var inspector: String?
    public var note: String?
    public init(enterpriseId: String, date: String, inspector: String? = nil, note: String? = nil) {
        self.enterpriseId = enterpriseId
        self.date = date
        self.inspector = inspector
        self.note = note
    }
}

public struct SafetyInspectionView: Codable, Sendable, Equatable {
    public var id: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var regionCode: String
    public var date: String
    public var inspector: String
    public var note: String
    public var examined: Int
    public var passed: Int
    public var casesOpened: Int
    public init(id: String, enterpriseId: String, enterpriseName: String, regionCode: String, date: String, inspector: String, note: String,
                examined: Int, passed: Int, casesOpened: Int) {
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.regionCode = regionCode
        self.date = date
        self.inspector = inspector
        self.note = note
        self.examined = examined
        self.passed = passed
        self.casesOpened = casesOpened
    }
}
