import AnpeiDomain
import Foundation

public struct Institution: Codable, Sendable, Equatable {
    public struct StatusChange: Codable, Sendable, Equatable {
        public var status: InstitutionStatus
        public var rectifyDeadline: String?
        public var effectiveDate: String
        public var note: String
        public var recordedAt: Date

        public init(status: InstitutionStatus, rectifyDeadline: String? = nil, effectiveDate: String, note: String, recordedAt: Date) {
            self.status = status
            self.rectifyDeadline = rectifyDeadline
            self.effectiveDate = effectiveDate
            self.note = note
            self.recordedAt = recordedAt
        }
    }

    public struct Inspection: Codable, Sendable, Equatable {
        public var id: String
        public var inspectedOn: String
        public var inspector: String
        public var result: String
        public var findings: String

        public init(id: String, inspectedOn: String, inspector: String, result: String, findings: String) {
            self.id = id
            self.inspectedOn = inspectedOn
            self.inspector = inspector
            self.result = result
            self.findings = findings
        }
    }

    public var id: String
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var regionName: String
    public var status: InstitutionStatus
    public var rectifyDeadline: String?
    /// R-INST-1 evaluated for today (Asia/Shanghai).
    public var mayAct: Bool
    public var trainingKinds: [TrainingKind]
    public var specialOpCategories: [String]
    public var statusHistory: [StatusChange]
    public var inspections: [Inspection]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, creditCode: String, name: String, regionCode: String, regionName: String, status: InstitutionStatus, rectifyDeadline: String? = nil, mayAct: Bool, trainingKinds: [TrainingKind], specialOpCategories: [String], statusHistory: [StatusChange], inspections: [Inspection], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.regionName = regionName
        self.status = status
        self.rectifyDeadline = rectifyDeadline
        self.mayAct = mayAct
        self.trainingKinds = trainingKinds
        self.specialOpCategories = specialOpCategories
        self.statusHistory = statusHistory
        self.inspections = inspections
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
