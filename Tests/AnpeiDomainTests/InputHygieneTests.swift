import AnpeiDomain
import Testing

/// Issue 9 §5–§7: control characters, plausible ranges, masked certificate numbers.
@Suite("Input hygiene: control characters, ranges, masked numbers")
struct InputHygieneTests {
    @Test("control characters are found; line breaks only where allowed", arguments: [
        ("admin\u{0}xyz", false, true), ("a\u{7}b", false, true), ("a\u{7F}b", false, true), ("a\u{85}b", false, true),
        ("line\nbreak", false, true), ("line\nbreak", true, false), ("tab\there", true, false), ("nul\u{0}", true, true),
        ("新绛县应急管理局", false, false), ("plain ascii", false, false), ("Ａ全角", false, false),
    ])
    func controls(text: String, allowLineBreaks: Bool, found: Bool) {
        #expect(ControlCharacters.contains(text, allowLineBreaks: allowLineBreaks) == found)
    }

    @Test("years 1949–2100 only", arguments: [(1948, false), (1949, true), (2026, true), (2100, true), (2101, false),
                                            (2_147_483_648, false), (-1, false)])
    func years(year: Int, ok: Bool) {
        #expect((InputLimits.yearError(year, field: "year") == nil) == ok)
    }

    @Test("dates in 1900-01-01…2100-12-31 only", arguments: [
        ("0104-05-01", "out_of_range"), ("1899-12-31", "out_of_range"), ("1900-01-01", nil), ("2024-02-29", nil),
        ("2023-02-29", "invalid_date"), ("2100-12-31", nil), ("2101-01-01", "out_of_range"), ("", "invalid_date"),
        ("2024-1-1", "invalid_date"),
    ])
    func dates(text: String, code: String?) {
        switch InputLimits.date(text, field: "d") {
        case .success: #expect(code == nil, "\(text)")
        case .failure(let e): #expect(e.code == code, "\(text)")
        }
    }

    @Test("certificate numbers in lists are masked by the document rule, prefix kept", arguments: [
        ("T140102199001011234", "T140102********1234"), ("140102199001011234", "140102********1234"),
        ("TE12345678", "TE******78"), ("AB1", "***"),
    ])
    func certificateNumbers(number: String, masked: String) {
        #expect(CertificateNumber.mask(number) == masked)
    }

    struct Plan {
        var title: String
        var modules: [String]
        var note: String?
    }

    @Test("control characters inside parsed values are found by path (YAML plan files)")
    func reflected() {
        let clean = Plan(title: "主要负责人专题培训", modules: ["安全生产法"], note: nil)
        #expect(ControlCharacters.fields(in: clean, path: "waves[0]").isEmpty)
        let dirty = Plan(title: "培训\u{0}", modules: ["a", "b\u{7}"], note: "x\u{1b}")
        #expect(ControlCharacters.fields(in: dirty, path: "waves[0]") == ["waves[0].title", "waves[0].modules.1", "waves[0].note"])
    }
}
