import AnpeiDomain

public struct InspectionInput: Codable, Sendable {
    public var inspectedOn: String
    public var inspector: String
    public var result: String
    public var findings: String?
    public init(inspectedOn: String, inspector: String, result: String, findings: String? = nil) {
        self.inspectedOn = inspectedOn
        self.inspector = inspector
        self.result = result
        self.findings = findings
    }
}
