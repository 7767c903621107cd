import AnpeiDomain
import AnpeiStore
import Foundation

// Store rows to wire bodies: the only place that knows both shapes.

extension Enterprise {
    init(_ r: EnterpriseRecord) {
        self.init(
            id: r.id, creditCode: r.creditCode, name: r.name, regionCode: r.regionCode, regionName: r.regionName, sectors: r.sectors, sectorHighRisk: r.sectorHighRisk, highRisk: r.highRisk, highRiskOverride: r.highRiskOverride, highRiskOverrideReason: r.highRiskOverrideReason, mining: r.mining, keyEnterprise: r.keyEnterprise, ownership: r.ownership, status: r.status, areas: r.areas.map(Area.init), createdAt: r.createdAt, updatedAt: r.updatedAt)
    }
}

extension Area {
    init(_ r: EnterpriseRecord.Area) {
        self.init(
            id: r.id, kind: r.kind, name: r.name, headcount: r.headcount)
    }
}

extension Person {
    init(_ r: PersonRecord) {
        self.init(
            id: r.id, documentType: r.documentType, documentNumber: r.documentNumber, documentMasked: r.documentMasked, name: r.name, gender: r.gender, birthDate: r.birthDate, phone: r.phone, employments: r.employments.map(Employment.init), createdAt: r.createdAt, updatedAt: r.updatedAt)
    }
}

extension Employment {
    init(_ r: PersonRecord.Employment) {
        self.init(
            id: r.id, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, roles: r.roles, employmentType: r.employmentType, post: r.post, hazardousPost: r.hazardousPost, startDate: r.startDate, endDate: r.endDate, phone: r.phone, postChangedOn: r.postChangedOn)
    }
}

extension Institution {
    init(_ r: InstitutionRecord) {
        self.init(
            id: r.id, creditCode: r.creditCode, name: r.name, regionCode: r.regionCode, regionName: r.regionName, status: r.status, rectifyDeadline: r.rectifyDeadline, mayAct: r.mayAct, trainingKinds: r.trainingKinds, specialOpCategories: r.specialOpCategories, statusHistory: r.statusHistory.map(Institution.StatusChange.init), inspections: r.inspections.map(Institution.Inspection.init),
            fullInspection: .init(deadline: r.fullInspection.deadline, inspectedOn: r.fullInspection.inspectedOn, result: r.fullInspection.result,
                                  statusAtDeadline: r.fullInspection.statusAtDeadline),
            createdAt: r.createdAt, updatedAt: r.updatedAt)
    }
}

extension Institution.StatusChange {
    init(_ r: InstitutionRecord.StatusChange) {
        self.init(
            status: r.status, rectifyDeadline: r.rectifyDeadline, effectiveDate: r.effectiveDate, note: r.note, recordedAt: r.recordedAt)
    }
}

extension Institution.Inspection {
    init(_ r: InstitutionRecord.Inspection) {
        self.init(
            id: r.id, inspectedOn: r.inspectedOn, inspector: r.inspector, result: r.result, findings: r.findings)
    }
}

extension Region {
    init(_ r: ReferenceRepository.Region) {
        self.init(
            code: r.code, name: r.name, parentCode: r.parentCode, withdrawn: r.withdrawn)
    }
}

extension Sector {
    init(_ r: ReferenceRepository.Sector) {
        self.init(
            code: r.code, kind: r.kind, nameZh: r.nameZh, nameEn: r.nameEn, highRiskTraining: r.highRiskTraining, highRiskDrill: r.highRiskDrill, mining: r.mining,
            parentCode: r.parentCode)
    }
}

extension CatalogueItem {
    init(_ r: ReferenceRepository.CatalogueItem) {
        self.init(
            code: r.code, categoryCode: r.categoryCode, categoryName: r.categoryName, name: r.name)
    }
}

extension Wave {
    init(_ r: WaveRecord) {
        self.init(
            id: r.id.lowercased, jurisdiction: r.jurisdiction, jurisdictionName: r.jurisdictionName, year: r.year, targetRole: r.targetRole,
            sectorCode: r.sectorCode, sectorName: r.sectorName, title: r.title, minDays: r.minDays, minHoursPerDay: r.minHoursPerDay, requiredModules: r.requiredModules,
            delivery: r.delivery, departments: r.departments, source: r.source, kind: r.kind, targetRoles: r.targetRoles,
            owners: r.owners, organiser: r.organiser, batch: r.batch)
    }
}

extension Session {
    init(_ r: SessionRecord) {
        self.init(
            id: r.id.lowercased, waveId: r.waveId.lowercased, waveTitle: r.waveTitle, institutionId: r.institutionId.lowercased,
            institutionName: r.institutionName, kind: r.kind, mainSessionId: r.mainSessionId?.lowercased, title: r.title,
            venue: r.venue, regionCode: r.regionCode.value, regionName: r.regionName, startDate: r.startDate.description,
            endDate: r.endDate.description, hoursPerDay: r.hoursPerDay, capacity: r.capacity, modules: r.modules, status: r.status,
            cancelReason: r.cancelReason, seatsTaken: r.seatsTaken, examBlueprintId: r.examBlueprintId)
    }
}

extension RosterEntry {
    init(_ r: RosterRow) {
        self.init(
            id: r.id, observer: r.observer, personId: r.personId, name: r.name, document: r.document, organisation: r.organisation, enterpriseId: r.enterpriseId, status: r.status, presentDays: r.presentDays, completedOn: r.completedOn, completionCode: r.completionCode)
    }
}

extension MissingPerson {
    init(_ r: MissingRow) {
        self.init(
            waveId: r.waveId, waveTitle: r.waveTitle, personId: r.personId, name: r.name, documentMasked: r.documentMasked, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, regionCode: r.regionCode, status: r.status)
    }
}

extension Certificate {
    init(_ r: CertificateRow) {
        self.init(
            id: r.id.lowercased, personId: r.personID.lowercased, personName: r.personName, catalogueVersion: r.catalogueVersion,
            itemCode: r.itemCode, itemName: r.itemName, number: r.number, issuingAuthority: r.issuingAuthority,
            firstIssued: r.firstIssued.description, validityStart: r.validityStart.description,
            validityEnd: r.validityEnd.description,
            extensionConsentDate: r.extensionConsentDate?.description, inTradeSince: r.inTradeSince?.description,
            violations: r.violations, revokedOn: r.revokedOn?.description, revokedReason: r.revokedReason,
            cancelledOn: r.cancelledOn?.description, cancelledReason: r.cancelledReason,
            revokedCause: r.revokedCause, cancelledCause: r.cancelledCause, nationalRegistration: r.nationalRegistration?.description,
            reviews: r.reviews.map {
                Certificate.Review(date: $0.date.description, trainingHours: $0.trainingHours, passed: $0.passed, ground: $0.ground)
            },
            posts: r.posts.map { Certificate.PostSpell(start: $0.start.description, end: $0.end?.description) },
            practicalExams: r.practicalExams.map(\.description),
            earlierPeriods: r.earlierPeriods.map { Certificate.Period(start: $0.start.description, end: $0.end.description) })
    }
}

extension ManagementCertificateDetails {
    init(_ r: ManagementCertificateRow) {
        self.init(
            id: r.id.lowercased, personId: r.personId.lowercased, personName: r.personName, holderRole: r.holderRole,
            sectorCode: r.sectorCode, sectorName: r.sectorName, number: r.number, issuingAuthority: r.issuingAuthority,
            issuedOn: r.issuedOn.description, examScore: r.examScore, revokedOn: r.revokedOn?.description,
            revokedReason: r.revokedReason,
            reexaminations: r.reexaminations.map { .init(date: $0.date.description, score: $0.score) })
    }
}

extension RuleSetView {
    init(_ r: CertificateRuleSet, name: String) {
        self.init(
            id: r.id, name: name, effectiveFrom: r.effectiveFrom.description, validityYears: r.validityYears,
            reviewIntervalYears: r.reviewIntervalYears, extendedReviewIntervalYears: r.extendedReviewIntervalYears,
            extensionMinYearsInTrade: r.extensionMinYearsInTrade, reviewWindowDays: r.reviewWindowDays,
            minReviewTrainingHours: r.minReviewTrainingHours, blockingViolations: r.blockingViolations,
            offPostMonthsForPracticalExam: r.offPostMonthsForPracticalExam, managementValidityYears: r.managementValidityYears,
            managementRenewalWindowDays: r.managementRenewalWindowDays, managementPassScore: r.managementPassScore,
            retestGraceDays: r.retestGraceDays, catalogueVersion: r.catalogueVersion)
    }

    init(_ stored: (rules: CertificateRuleSet, name: String)) { self.init(stored.rules, name: stored.name) }
}
