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

    /// R-INST-1: where the institution stood at the end-2024 full inspection.
    public struct FullInspection: Codable, Sendable, Equatable {
        public var deadline: String
        /// The last inspection on or before the deadline, if any.
        public var inspectedOn: String?
        public var result: String?
        /// The status in force on the deadline.
        public var statusAtDeadline: InstitutionStatus

        public init(deadline: String, inspectedOn: String? = nil, result: String? = nil, statusAtDeadline: InstitutionStatus) {
            self.deadline = deadline
            self.inspectedOn = inspectedOn
            self.result = result
            self.statusAtDeadline = statusAtDeadline
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
    public var fullInspection: FullInspection
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, creditCode: String, name: String, regionCode: String, regionName: String, status: InstitutionStatus, rectifyDeadline: String? = nil, mayAct: Bool, trainingKinds: [TrainingKind], specialOpCategories: [String], statusHistory: [StatusChange], inspections: [Inspection], fullInspection: FullInspection, createdAt: Date, updatedAt: Date) {
        self.fullInspection = fullInspection
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
