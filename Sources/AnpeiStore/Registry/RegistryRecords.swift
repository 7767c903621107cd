import AnpeiDomain
import Foundation

/// Rows of the registry, as the API shows them (Codable, camelCase). Nested
/// collections come from the database as JSON aggregates.
public struct EnterpriseRecord: Codable, Sendable, Equatable {
    public struct Area: Codable, Sendable, Equatable {
        public var id: String?
        public var kind: AreaKind
        public var name: String
        /// People working in the area (R-DRILL-1's participation share); nil on input keeps the stored figure.
        public var headcount: Int?
        public init(id: String? = nil, kind: AreaKind, name: String, headcount: Int? = nil) {
            self.id = id
            self.kind = kind
            self.name = name
            self.headcount = headcount
        }
    }

    public var id: String
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var regionName: String
    public var sectors: [String]
    /// Whether any sector is high-risk for training (R-HOURS-1).
    public var sectorHighRisk: Bool
    /// Derived from the sectors unless overridden (set by the service layer).
    public var highRisk: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var mining: Bool
    public var keyEnterprise: Bool
    /// R-WAVE-9: the owner of a state enterprise (中央在藏, 区属, 地市属).
    public var ownership: EnterpriseOwnership?
    public var status: EnterpriseStatus
    public var areas: [Area]
    public var createdAt: Date
    public var updatedAt: Date
}

public struct PersonRecord: Codable, Sendable, Equatable {
    public struct Employment: Codable, Sendable, Equatable {
        public var id: String
        public var enterpriseId: String
        public var enterpriseName: String
        public var roles: [EmploymentRole]
        public var employmentType: EmploymentType
        public var post: String
        public var hazardousPost: Bool
        public var startDate: String
        public var endDate: String?
        /// This employer's contact number for the person.
        public var phone: String?
        /// R-HOURS-3: the latest post change (or return after a year away).
        public var postChangedOn: String?
    }

    public var id: String
    public var documentType: DocumentType
    public var documentNumber: String
    /// True when `documentNumber` is masked for this caller.
    public var documentMasked: Bool
    public var name: String
    public var gender: Gender?
    public var birthDate: String?
    /// The caller's own employers' contact number (the latest visible employment's).
    public var phone: String?
    public var employments: [Employment]
    public var createdAt: Date
    public var updatedAt: Date
}

public struct InstitutionRecord: Codable, Sendable, Equatable {
    public struct StatusChange: Codable, Sendable, Equatable {
        public var status: InstitutionStatus
        public var rectifyDeadline: String?
        public var effectiveDate: String
        public var note: String
        public var recordedAt: Date
    }

    public struct Inspection: Codable, Sendable, Equatable {
        public var id: String
        public var inspectedOn: String
        public var inspector: String
        public var result: String
        public var findings: String
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
    /// Filled by the repository from the history (R-INST-1's end-2024 inspection).
    public var fullInspection = FullInspection(deadline: "", statusAtDeadline: .pendingInspection)

    public struct FullInspection: Codable, Sendable, Equatable {
        public var deadline: String
        public var inspectedOn: String?
        public var result: String?
        public var statusAtDeadline: InstitutionStatus
    }

    enum CodingKeys: String, CodingKey {
        case id, creditCode, name, regionCode, regionName, status, rectifyDeadline, mayAct, trainingKinds, specialOpCategories
        case statusHistory, inspections, createdAt, updatedAt
    }

    /// The history in the domain's terms (record order breaks same-day ties).
    public var history: [InstitutionStanding.Entry] {
        statusHistory.enumerated().compactMap { i, h in
            CivilDate(iso: h.effectiveDate).map {
                InstitutionStanding.Entry(status: h.status, deadline: h.rectifyDeadline.flatMap { CivilDate(iso: $0) }, effective: $0, sequence: i)
            }
        }
    }
}

