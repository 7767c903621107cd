import AnpeiDomain
import Testing

/// R-ID: a resident ID fixes gender and birth date; the single-record path and
/// the people import both reconcile through `PersonIdentity` (issue 10: one rule).
@Suite("R-ID identity facts against the document")
struct PersonIdentityTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!
    // GB 11643-1999's example: female, born 1949-12-31.
    var residentID: IdentityDocument { try! IdentityDocument.parse(type: .residentID, number: "11010519491231002X", today: today).get() }
    var passport: IdentityDocument { try! IdentityDocument.parse(type: .passport, number: "E12345678", today: today).get() }

    @Test("a resident ID supplies gender and birth date when none is given")
    func derived() {
        let r = PersonIdentity.reconcile(residentID, gender: nil, birthDate: nil, today: today)
        #expect(r.gender == .female && r.birthDate == CivilDate(year: 1949, month: 12, day: 31) && r.problems.isEmpty)
    }

    @Test("a value that contradicts the resident ID is named, field by field")
    func conflicts() {
        let r = PersonIdentity.reconcile(residentID, gender: .male, birthDate: CivilDate(year: 1950, month: 1, day: 1), today: today)
        #expect(r.problems.map(\.field) == [.gender, .birthDate])
        #expect(r.problems.allSatisfy { $0.code == "conflicts_with_id" })
        // The document wins.
        #expect(r.gender == .female && r.birthDate == CivilDate(year: 1949, month: 12, day: 31))
    }

    @Test("the same values as the resident ID are accepted")
    func agreeing() {
        let r = PersonIdentity.reconcile(residentID, gender: .female, birthDate: CivilDate(year: 1949, month: 12, day: 31), today: today)
        #expect(r.problems.isEmpty)
    }

    @Test("other documents keep what was given; a birth date may not lie in the future")
    func otherDocuments() {
        let given = PersonIdentity.reconcile(passport, gender: .male, birthDate: CivilDate(year: 1980, month: 2, day: 29), today: today)
        #expect(given.problems.isEmpty && given.gender == .male && given.birthDate == CivilDate(year: 1980, month: 2, day: 29))
        let future = PersonIdentity.reconcile(passport, gender: nil, birthDate: CivilDate(year: 2026, month: 11, day: 24), today: today)
        #expect(future.problems.map(\.code) == ["in_future"])
        let todayBirth = PersonIdentity.reconcile(passport, gender: nil, birthDate: today, today: today)
        #expect(todayBirth.problems.isEmpty)
    }
}
