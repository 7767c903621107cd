/// The plausible window for every year and date a caller can send (issue 9 §7):
/// a value outside it is refused with 422 rather than reaching SQL (where an
/// out-of-range integer used to become a 500) or being stored (an employment
/// that starts in the year 104). One home for the ranges, used by the query
/// reader, the body validator and the file imports alike.
public enum InputLimits {
    /// Years of waves, reports and plans: from the founding of the PRC to 2100.
    public static let years: ClosedRange<Int> = 1949...2100
    /// Civil dates: birth dates reach back to 1900; nothing is planned past 2100.
    public static let firstDate = CivilDate(year: 1900, month: 1, day: 1)!
    public static let lastDate = CivilDate(year: 2100, month: 12, day: 31)!
    /// Page sizes and offsets of lists.
    public static let pageLimit: ClosedRange<Int> = 1...500
    public static let maxOffset = 10_000_000

    public static func yearError(_ year: Int, field: String) -> FieldError? {
        guard !years.contains(year) else { return nil }
        return FieldError(
            field: field, code: "out_of_range",
            message: LocalizedText(
                zh: "年份须在\(years.lowerBound)至\(years.upperBound)之间",
                en: "year must be between \(years.lowerBound) and \(years.upperBound)"))
    }

    public static func dateError(_ date: CivilDate, field: String) -> FieldError? {
        guard date < firstDate || date > lastDate else { return nil }
        return FieldError(
            field: field, code: "out_of_range",
            message: LocalizedText(
                zh: "日期须在\(firstDate)至\(lastDate)之间", en: "date must be between \(firstDate) and \(lastDate)"))
    }

    /// Parses `YYYY-MM-DD` and applies the window: nil date with an error, or a date.
    public static func date(_ text: String, field: String) -> Result<CivilDate, FieldError> {
        guard let d = CivilDate(iso: text) else {
            return .failure(FieldError(
                field: field, code: "invalid_date",
                message: LocalizedText(zh: "日期应为 YYYY-MM-DD 格式且真实存在", en: "must be an existing date YYYY-MM-DD")))
        }
        if let e = dateError(d, field: field) { return .failure(e) }
        return .success(d)
    }
}
