import Foundation

/// The identity documents a person may be registered with. Resident ID
/// numbers are fully validated (R-ID); the others get format checks only.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    /// 居民身份证 (also the residence permits of HK/Macao/Taiwan residents, same format).
    case residentID = "resident_id"
    /// 护照
    case passport
    /// 港澳居民来往内地通行证
    case hkMacaoPermit = "hk_macao_permit"
    /// 台湾居民来往大陆通行证
    case taiwanPermit = "taiwan_permit"
    /// 外国人永久居留身份证
    case foreignPermanentResident = "foreign_permanent_resident"

    public var label: LocalizedText {
        switch self {
        case .residentID: LocalizedText(zh: "居民身份证", en: "resident ID card")
        case .passport: LocalizedText(zh: "护照", en: "passport")
        case .hkMacaoPermit: LocalizedText(zh: "港澳居民来往内地通行证", en: "Mainland travel permit for HK/Macao residents")
        case .taiwanPermit: LocalizedText(zh: "台湾居民来往大陆通行证", en: "Mainland travel permit for Taiwan residents")
        case .foreignPermanentResident: LocalizedText(zh: "外国人永久居留身份证", en: "foreigner's permanent residence ID card")
        }
    }

    /// Accepts the English code or the Chinese name.
    public init?(code: String) {
        let t = code.trimmedCell
        if let v = DocumentType(rawValue: t.lowercased()) { self = v; return }
        guard let v = DocumentType.allCases.first(where: { $0.label.zh == t }) else { return nil }
        self = v
    }
}

/// A validated identity document: type and normalised number, with what the
/// number itself says about the person (resident IDs only).
public struct IdentityDocument: Sendable, Hashable {
    public let type: DocumentType
    public let number: String
    public let birthDate: CivilDate?
    public let gender: Gender?

    /// Validates `number` for `type`. Returns the field error code and message on failure.
    public static func parse(type: DocumentType, number raw: String, today: CivilDate) -> Result<IdentityDocument, FieldError> {
        let number = raw.trimmedCell.uppercased()
        func bad(_ code: String, _ zh: String, _ en: String) -> Result<IdentityDocument, FieldError> {
            .failure(FieldError(field: "documentNumber", code: code, message: LocalizedText(zh: zh, en: en)))
        }
        switch type {
        case .residentID:
            switch ResidentID.parse(number, today: today) {
            case .success(let id):
                return .success(IdentityDocument(type: type, number: id.value, birthDate: id.birthDate, gender: id.gender))
            case .failure(let problem):
                return .failure(FieldError(field: "documentNumber", code: problem.rawValue, message: problem.message))
            }
        case .passport:
            guard matches(number, "^[A-Z0-9]{5,17}$") else {
                return bad("passport_format", "护照号码应为5至17位字母或数字", "5-17 letters or digits")
            }
        case .hkMacaoPermit:
            guard matches(number, "^[HM][0-9]{8}([0-9]{2})?$") else {
                return bad("hk_macao_permit_format", "港澳通行证号码应为H或M开头加8位或10位数字", "H or M followed by 8 or 10 digits")
            }
        case .taiwanPermit:
            guard matches(number, "^[0-9]{8}([0-9]{2})?$") else {
                return bad("taiwan_permit_format", "台湾居民来往大陆通行证号码应为8位或10位数字", "8 or 10 digits")
            }
        case .foreignPermanentResident:
            // 2004 edition: 3 letters + 12 digits; 2023 edition: 18 characters starting with 9.
            guard matches(number, "^([A-Z]{3}[0-9]{12}|9[0-9]{16}[0-9X])$") else {
                return bad("foreign_permanent_resident_format", "外国人永久居留身份证号码格式不正确", "3 letters + 12 digits, or 18 characters starting with 9")
            }
        }
        return .success(IdentityDocument(type: type, number: number, birthDate: nil, gender: nil))
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Personal data in lists: 140102********1234 for 18 characters; other
    /// numbers keep their first two and last two characters.
    public static func mask(_ number: String) -> String {
        let chars = Array(number)
        if chars.count == 18 {
            return String(chars[0..<6]) + String(repeating: "*", count: 8) + String(chars[14...])
        }
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        return String(chars[0..<2]) + String(repeating: "*", count: chars.count - 4) + String(chars[(chars.count - 2)...])
    }
}

/// Special-operations certificate numbers are "T" + the holder's ID number
/// (MEM-30), so a list that shows them in full shows ID numbers (issue 9 §5).
/// Lists mask them by the one document rule, keeping the prefix letter; the
/// full number appears only on a detail view the caller is entitled to.
public enum CertificateNumber {
    public static func mask(_ number: String) -> String {
        if number.count == 19, let first = number.first, first.isLetter {
            return String(first) + IdentityDocument.mask(String(number.dropFirst()))
        }
        return IdentityDocument.mask(number)
    }
}
