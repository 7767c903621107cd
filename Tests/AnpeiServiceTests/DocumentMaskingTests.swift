import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

/// Issue 10: masking is one rule (`IdentityDocument.mask`). The training lists
/// used a SQL expression of their own that showed 9-character passport and
/// permit numbers in full. Every document type, on every list that shows a
/// document number.
@Suite("Document numbers are masked by the one rule on every list")
struct DocumentMaskingTests {
    @Test("people list, session roster, missing list (JSON and CSV): every document type")
    func everyTypeEveryList() async throws {
        let s = try await TrainingScenario.make()
        let t = s.services.training
        let documents: [(DocumentType, String)] = [
            (.residentID, Synthetic.residentID(region: "140825", birth: "1981-02-03", sequence: 321)),
            (.passport, "E12345678"),
            (.hkMacaoPermit, "H12345678"),
            (.taiwanPermit, "12345678"),
            (.foreignPermanentResident, "ABC123456789012"),
        ]
        var ids: [String: String] = [:]  // person id → full number
        for (i, (type, number)) in documents.enumerated() {
            let p = try await s.services.people.create(s.fx.admin, PersonCreate(
                documentType: type.rawValue, documentNumber: number, name: "证件\(i)",
                employment: EmploymentInput(enterpriseId: s.enterprises["E2"]!.id, roles: [.principal], employmentType: .regular,
                                            post: "负责人", hazardousPost: false, startDate: "2020-01-01", endDate: nil)))
            ids[p.id] = number
        }
        func check(_ shown: String?, _ full: String, _ list: String) {
            #expect(shown == IdentityDocument.mask(full), "\(list): \(shown ?? "nil") for \(full)")
            #expect(shown != full, "\(list) shows \(full) in full")
        }
        // People list.
        let people = try await s.services.people.list(s.fx.admin, PersonQuery(search: "证件"))
        #expect(people.items.count == documents.count)
        for p in people.items { check(p.documentNumber, ids[p.id]!, "people") }
        // Missing list, before anyone enrols.
        let wave = try await s.wave("140825", 2024, "non_coal_mine")
        let query = CoverageQuery(region: "140825", year: 2024, wave: UUID(uuidString: wave.id)!)
        let missing = try await t.missing(s.fx.admin, query, limit: nil, offset: 0).filter { ids[$0.personId] != nil }
        #expect(missing.count == documents.count)
        for m in missing { check(m.documentMasked, ids[m.personId]!, "missing") }
        let csv = try await t.missingCSV(s.fx.admin, query)
        for (_, number) in documents { #expect(!csv.contains(number), "missing CSV shows \(number)") }
        // Roster of a session they enrol in.
        let session = try await s.session(wave, start: "2024-05-06", end: "2024-05-08")
        for id in ids.keys {
            _ = try await t.enroll(s.fx.a.institutionUser, session: UUID(uuidString: session.id)!, .init(personId: id))
        }
        let roster = try await t.roster(s.fx.a.institutionUser, session: UUID(uuidString: session.id)!)
        #expect(roster.count == documents.count)
        for r in roster { check(r.document, ids[r.personId!]!, "roster") }
    }
}
