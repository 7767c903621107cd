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
    static let provinces: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
        71, 81, 82, 83,
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
    /// Works on ASCII bytes: bulk imports call it for every row.
    public static func parse(_ raw: String, today: CivilDate) -> Result<ResidentID, Problem> {
        var b = Array(raw.trimmedCell.utf8)
        if b.last == UInt8(ascii: "x") { b[b.count - 1] = UInt8(ascii: "X") }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        switch b.count {
        case 18:
            guard b[0..<17].allSatisfy(digit), digit(b[17]) || b[17] == UInt8(ascii: "X") else { return .failure(.characters) }
            return validate(b, today: today, converted: false)
        case 15:
            guard b.allSatisfy(digit) else { return .failure(.characters) }
            var full = Array(b[0..<6]) + [49, 57] + Array(b[6..<15])  // insert "19"
            full.append(checkByte(full))
            return validate(full, today: today, converted: true)
        default:
            // Multi-byte input of 15 or 18 characters is still a character problem.
            return raw.trimmedCell.count == 18 || raw.trimmedCell.count == 15 ? .failure(.characters) : .failure(.length)
        }
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(for first17: String) -> Character {
        Character(Unicode.Scalar(checkByte(Array(first17.utf8.prefix(17)))))
    }

    static let checkBytes: [UInt8] = Array("10X98765432".utf8)

    static func checkByte(_ b: [UInt8]) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += Int(b[i] &- 48) * weights[i] }
        return checkBytes[sum % 11]
    }

    private static func validate(_ b: [UInt8], today: CivilDate, converted: Bool) -> Result<ResidentID, Problem> {
        func num(_ from: Int, _ len: Int) -> Int { b[from..<(from + len)].reduce(0) { $0 * 10 + Int($1 - 48) } }
        guard provinces.contains(num(0, 2)) else { return .failure(.region) }
        guard num(6, 4) >= 1900, let birth = CivilDate(year: num(6, 4), month: num(10, 2), day: num(12, 2)) else {
            return .failure(.birthDate)
        }
        guard birth <= today else { return .failure(.futureBirthDate) }
        guard b[17] == checkByte(b) else { return .failure(.checkCharacter) }
        return .success(ResidentID(
            value: String(decoding: b, as: UTF8.self), birthDate: birth, gender: num(16, 1) % 2 == 1 ? .male : .female,
            convertedFrom15: converted))
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
