import Foundation

/// R-USCC: the unified social credit code (GB 32100-2015).
///
/// 18 characters from `0-9 A-H J-N P-R T U W-Y` (no I O S V Z); characters
/// 3-8 are an administrative-division code; the last is a check character:
/// weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 on the values of
/// the first 17, C18 = 31 - (sum mod 31), with 31 -> 0.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { value }
    /// Characters 3-8: the registering authority's division code.
    public var divisionCode: String { String(value.dropFirst(2).prefix(6)) }

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public enum Problem: String, Sendable, Error, CaseIterable {
        case length = "uscc_length"
        case characters = "uscc_characters"
        case division = "uscc_division"
        case checkCharacter = "uscc_check_character"

        public var message: LocalizedText {
            switch self {
            case .length: LocalizedText(zh: "统一社会信用代码应为18位", en: "must have 18 characters")
            case .characters:
                LocalizedText(zh: "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）", en: "contains a character not allowed (I O S V Z are not used)")
            case .division: LocalizedText(zh: "统一社会信用代码第3至8位应为行政区划代码", en: "characters 3-8 must be a division code")
            case .checkCharacter: LocalizedText(zh: "统一社会信用代码校验位不正确", en: "wrong check character")
            }
        }
    }

    public static func parse(_ raw: String) -> Result<CreditCode, Problem> {
        let text = raw.trimmedCell.uppercased()
        let chars = Array(text)
        guard chars.count == 18 else { return .failure(.length) }
        guard chars.allSatisfy({ values[$0] != nil }) else { return .failure(.characters) }
        guard chars[2..<8].allSatisfy(\.isASCIIDigit) else { return .failure(.division) }
        guard chars[17] == checkCharacter(for: text) else { return .failure(.checkCharacter) }
        return .success(CreditCode(value: text))
    }

    /// The check character for the first 17 characters (which must be in the alphabet).
    public static func checkCharacter(for first17: String) -> Character {
        let sum = zip(first17.prefix(17), weights).reduce(0) { $0 + (values[$1.0] ?? 0) * $1.1 }
        let c = 31 - sum % 31
        return alphabet[c == 31 ? 0 : c]
    }

    /// A valid code for demo and test data: registration kind (2 characters),
    /// division (6 digits) and `serial` written in the code's alphabet.
    public static func sample(division: String, serial: Int, kind: String = "91") -> String {
        var n = serial
        var body = ""
        for _ in 0..<9 {
            body = String(alphabet[n % 31]) + body
            n /= 31
        }
        let first17 = kind + division + body
        return first17 + String(checkCharacter(for: first17))
    }
}
