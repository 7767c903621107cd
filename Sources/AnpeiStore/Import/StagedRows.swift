import AnpeiDomain
import Foundation

/// Rows of an import file after their checks, ready for COPY into staging.
public struct StagedPerson: Sendable {
    public var row: Int
    public var documentType: String
    public var documentNumber: String
    public var name: String
    public var gender: String?
    public var birthDate: String?
    public var phone: String?
    public var enterpriseID: UUID
    public var roles: [String]
    public var employmentType: String
    public var post: String
    public var hazardousPost: Bool
    public var startDate: String
    public var endDate: String?

    public init(row: Int, documentType: String, documentNumber: String, name: String, gender: String?, birthDate: String?,
                phone: String?, enterpriseID: UUID, roles: [String], employmentType: String, post: String,
                hazardousPost: Bool, startDate: String, endDate: String?) {
        self.row = row
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.phone = phone
        self.enterpriseID = enterpriseID
        self.roles = roles
        self.employmentType = employmentType
        self.post = post
        self.hazardousPost = hazardousPost
        self.startDate = startDate
        self.endDate = endDate
    }
}

public struct StagedCertificate: Sendable {
    public var row: Int
    public var personID: UUID
    public var number: String
    public var itemCode: String
    /// The catalogue of the rule set in force on the first issue.
    public var catalogueVersion: String
    public var firstIssued: String
    /// 有效期开始日期 (R-CERT-12): the first issue unless renewed.
    public var validityStart: String
    public var validityEnd: String
    public var authority: String
    public var reviewedOn: String?
    /// nil, "revoked" or "cancelled"
    public var ending: String?
    /// R-CERT-2: 联网登记日期.
    public var nationalRegistration: String?

    public init(row: Int, personID: UUID, number: String, itemCode: String, catalogueVersion: String, firstIssued: String, validityStart: String,
                validityEnd: String, authority: String, reviewedOn: String?, ending: String?, nationalRegistration: String? = nil) {
        self.catalogueVersion = catalogueVersion
        self.nationalRegistration = nationalRegistration
        self.validityStart = validityStart
        self.row = row
        self.personID = personID
        self.number = number
        self.itemCode = itemCode
        self.firstIssued = firstIssued
        self.validityEnd = validityEnd
        self.authority = authority
        self.reviewedOn = reviewedOn
        self.ending = ending
    }
}

public struct StagedRegion: Sendable {
    public var row: Int
    public var code: String
    public var name: String
    public var parentCode: String?
    public init(row: Int, code: String, name: String, parentCode: String?) {
        self.row = row
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}

public struct StagedEnterprise: Sendable {
    public var row: Int
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var sectors: [String]
    public var keyEnterprise: Bool
    public var highRiskOverride: Bool?
    public var highRiskOverrideReason: String?
    public var status: String
    /// "kind:name" entries, sorted.
    public var areas: [String]
    /// R-WAVE-9: central, regional or prefecture.
    public var ownership: String?

    public init(row: Int, creditCode: String, name: String, regionCode: String, sectors: [String], keyEnterprise: Bool,
                highRiskOverride: Bool?, highRiskOverrideReason: String?, status: String, areas: [String], ownership: String? = nil) {
        self.ownership = ownership
        self.row = row
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.sectors = sectors
        self.keyEnterprise = keyEnterprise
        self.highRiskOverride = highRiskOverride
        self.highRiskOverrideReason = highRiskOverrideReason
        self.status = status
        self.areas = areas
    }
}

public struct StagedInstitution: Sendable {
    public var row: Int
    public var creditCode: String
    public var name: String
    public var regionCode: String
    public var trainingKinds: [String]
    public var specialOpCategories: [String]
    public var status: String
    public var rectifyDeadline: String?
    /// The day the status takes effect (R-INST-2: judged by event dates); the import's day when nil.
    public var statusEffective: String?

    public init(row: Int, creditCode: String, name: String, regionCode: String, trainingKinds: [String],
                specialOpCategories: [String], status: String, rectifyDeadline: String?, statusEffective: String? = nil) {
        self.statusEffective = statusEffective
        self.row = row
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.trainingKinds = trainingKinds
        self.specialOpCategories = specialOpCategories
        self.status = status
        self.rectifyDeadline = rectifyDeadline
    }
}

