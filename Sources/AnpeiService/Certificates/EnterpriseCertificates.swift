import AnpeiDomain
import AnpeiStore
import Foundation

extension CertificateService {
    /// The enterprise's staff × certificate table. Status is computed per row
    /// for the date, so the status filters run here, after the SQL.
    public func enterpriseTable(_ call: CallContext, enterpriseID: UUID, _ q: StaffCertificateQuery) async throws -> Page<StaffCertificateRow> {
        try Paging.check(limit: q.limit, offset: q.offset)
        let scope = ScopeFilter(call.principal.scope)
        let on = q.date ?? today
        let rows = try await db.read { conn -> [StaffCertificateRow] in
            guard try EnterpriseRepository(conn).find(id: enterpriseID, scope: scope) != nil else {
                throw ServiceError.notFound(entity: "enterprise")
            }
            let repo = CertificateRepository(conn)
            let sets = try rules.get(conn)
            return try repo.forEnterprise(enterpriseID, on: on.description).map { Self.staffRow(try view($0, sets: sets, on: on)) }
        }
        let filtered = rows.filter { r in
            (q.category == nil || r.categoryCode == q.category) && (q.item == nil || r.itemCode == q.item)
                && (q.state == nil || r.status.state == q.state)
                && (q.expiringWithinDays.map { days in
                    guard let end = CivilDate(iso: r.validityEnd) else { return false }
                    return end >= on && end <= on.adding(days: days)
                } ?? true)
        }
        return Page(items: Array(filtered.dropFirst(q.offset).prefix(q.limit)), total: filtered.count, limit: q.limit, offset: q.offset)
    }

    /// People on special-operations posts with no certificate that lets them work on the date.
    public func unlicensed(_ call: CallContext, enterpriseID: UUID, on date: CivilDate? = nil) async throws -> [UnlicensedWorker] {
        let scope = ScopeFilter(call.principal.scope)
        let on = date ?? today
        return try await db.read { conn in
            guard try EnterpriseRepository(conn).find(id: enterpriseID, scope: scope) != nil else {
                throw ServiceError.notFound(entity: "enterprise")
            }
            let repo = CertificateRepository(conn)
            let sets = try rules.get(conn)
            return try repo.specialOperationsStaff(enterpriseID, on: on.description).compactMap { person in
                let certs = try repo.forPerson(person.id, item: nil, scope: ScopeFilter(.all))
                    .map { Self.staffRow(try view($0, sets: sets, on: on)) }
                if certs.contains(where: \.status.mayWork) { return nil }
                return UnlicensedWorker(personId: person.id.lowercased, personName: person.name, post: person.post, certificates: certs)
            }
        }
    }

    static func staffRow(_ v: CertificateView) -> StaffCertificateRow {
        StaffCertificateRow(
            personId: v.certificate.personId, personName: v.certificate.personName, certificateId: v.certificate.id,
            number: CertificateNumber.mask(v.certificate.number),
            categoryCode: String(v.certificate.itemCode.split(separator: ".").first ?? ""),
            itemCode: v.certificate.itemCode, itemName: v.certificate.itemName, validityEnd: v.certificate.validityEnd,
            nationalRegistration: v.certificate.nationalRegistration, status: v.status)
    }
}
