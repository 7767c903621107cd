import AnpeiDomain
import AnpeiStore
import Foundation

// Wire request bodies to the values the store writes. Validation happens on
// the store values (one validator per entity, shared with the import path's
// rules in AnpeiDomain); these only carry fields across.

extension EnterpriseValues {
    init(_ w: EnterpriseInput) {
        self.init(creditCode: w.creditCode, name: w.name, regionCode: w.regionCode, sectors: w.sectors,
                  keyEnterprise: w.keyEnterprise, highRiskOverride: w.highRiskOverride,
                  highRiskOverrideReason: w.highRiskOverrideReason, status: w.status,
                  areas: w.areas.map(EnterpriseRecord.Area.init), ownership: w.ownership)
    }
}

extension EnterpriseRecord.Area {
    init(_ w: Area) { self.init(id: w.id, kind: w.kind, name: w.name, headcount: w.headcount) }
}

extension EmploymentValues {
    init(_ w: EmploymentInput) {
        self.init(enterpriseId: w.enterpriseId, roles: w.roles, employmentType: w.employmentType, post: w.post,
                  hazardousPost: w.hazardousPost, startDate: w.startDate, endDate: w.endDate, phone: w.phone)
    }
}

extension InstitutionValues {
    init(_ w: InstitutionInput) {
        self.init(creditCode: w.creditCode, name: w.name, regionCode: w.regionCode, trainingKinds: w.trainingKinds,
                  specialOpCategories: w.specialOpCategories)
    }
}

extension CertificateValues {
    init(_ w: CertificateInput) {
        // An empty optional date means "not given" (the validator reads it so); it must not reach SQL as ''.
        func given(_ s: String?) -> String? { s.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        self.init(personId: w.personId, itemCode: w.itemCode, number: w.number, issuingAuthority: w.issuingAuthority,
                  firstIssued: w.firstIssued, validityStart: given(w.validityStart), validityEnd: given(w.validityEnd),
                  extensionConsentDate: given(w.extensionConsentDate), inTradeSince: given(w.inTradeSince), catalogueVersion: given(w.catalogueVersion))
    }
}

extension ManagementCertificateValues {
    init(_ w: ManagementCertificateInput) {
        self.init(personId: w.personId, holderRole: w.holderRole, sectorCode: w.sectorCode, number: w.number,
                  issuingAuthority: w.issuingAuthority, issuedOn: w.issuedOn, examScore: w.examScore)
    }
}
