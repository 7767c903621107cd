import Foundation

/// R-ID: the resident identity number (GB 11643-1999).
///
/// 18 characters: 6-digit region code, birth date YYYYMMDD, 3-digit sequence
/// (odd = male, even = female) and a check character computed with weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 indexing "10X98765432".
/// A legacy 15-digit number (YYMMDD, century 19) converts by inserting "19"
/// and appending the computed check character.
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    /// The normalised 18-character number (check character X upper-case).
    public let value: String
    public let birthDate: CivilDate
    public let gender: Gender
    /// True when the input was a legacy 15-digit number.
    public let convertedFrom15: Bool

    public var description: String { value }
    public var regionPrefix: String { String(value.prefix(6)) }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// First two digits of GB/T 2260 provinces, plus 81/82/83 used by the
    /// residence permits of Hong Kong, Macao and Taiwan residents.
    static let provinces: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ]

    public enum Problem: String, Sendable, Error, CaseIterable {
        case length = "id_length"
        case characters = "id_characters"
        case region = "id_region"
        case birthDate = "id_birth_date"
        case futureBirthDate = "id_birth_date_future"
        case checkCharacter = "id_check_character"

        public var message: LocalizedText {
            switch self {
            case .length: LocalizedText(zh: "身份证号码应为18位（或旧式15位）", en: "must have 18 characters (or legacy 15 digits)")
            case .characters: LocalizedText(zh: "身份证号码只能是数字，最后一位可为X", en: "digits only; the last character may be X")
            case .region: LocalizedText(zh: "身份证号码的地区码无效", en: "unknown region prefix")
            case .birthDate: LocalizedText(zh: "身份证号码中的出生日期不存在", en: "the birth date does not exist")
            case .futureBirthDate: LocalizedText(zh: "身份证号码中的出生日期晚于今天", en: "the birth date lies in the future")
            case .checkCharacter: LocalizedText(zh: "身份证号码校验位不正确", en: "wrong check character")
            }
        }
    }

    /// Validates and normalises `raw` (spaces trimmed, x upper-cased).
    /// `today` is the date in Asia/Shanghai; birth dates after it are refused.
    public static func parse(_ raw: String, today: CivilDate) -> Result<ResidentID, Problem> {
        let text = raw.trimmedCell.uppercased()
        let chars = Array(text)
        switch chars.count {
        case 18:
            guard chars[0..<17].allSatisfy(\.isASCIIDigit), chars[17].isASCIIDigit || chars[17] == "X" else {
                return .failure(.characters)
            }
            return validate(text, today: today, converted: false)
        case 15:
            guard chars.allSatisfy(\.isASCIIDigit) else { return .failure(.characters) }
            let body = String(chars[0..<6]) + "19" + String(chars[6..<15])
            return validate(body + String(checkCharacter(for: body)), today: today, converted: true)
        default:
            return .failure(.length)
        }
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(for first17: String) -> Character {
        let digits = first17.prefix(17).compactMap(\.wholeNumberValue)
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkChars[sum % 11]
    }

    private static func validate(_ text: String, today: CivilDate, converted: Bool) -> Result<ResidentID, Problem> {
        let chars = Array(text)
        guard provinces.contains(String(chars[0..<2])) else { return .failure(.region) }
        let digits = chars[6..<17].compactMap(\.wholeNumberValue)
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard year >= 1900, let birth = CivilDate(year: year, month: month, day: day) else {
            return .failure(.birthDate)
        }
        guard birth <= today else { return .failure(.futureBirthDate) }
        guard chars[17] == checkCharacter(for: text) else { return .failure(.checkCharacter) }
        let sequence = digits[10]
        return .success(ResidentID(
            value: text, birthDate: birth, gender: sequence % 2 == 1 ? .male : .female, convertedFrom15: converted))
    }
}

public enum Gender: String, Sendable, Codable, CaseIterable {
    case male, female

    public var label: LocalizedText {
        self == .male ? LocalizedText(zh: "男", en: "male") : LocalizedText(zh: "女", en: "female")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
