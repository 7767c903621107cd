import AnpeiDomain

public struct InspectionInput: Codable, Sendable {
    public var inspectedOn: String
    public var inspector: String
    public var result: String
    public var findings: String?
    /// R-INST-2: required when the result is `rectify` (the rectification deadline).
    public var rectifyDeadline: String?
    public init(inspectedOn: String, inspector: String, result: String, findings: String? = nil, rectifyDeadline: String? = nil) {
        self.rectifyDeadline = rectifyDeadline
        self.inspectedOn = inspectedOn
        self.inspector = inspector
        self.result = result
        self.findings = findings
    }
}
