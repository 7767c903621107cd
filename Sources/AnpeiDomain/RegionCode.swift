/// An administrative-division code (R-REGION): 6 digits for province
/// (`PP0000`), prefecture (`PPCC00`) and county (`PPCCDD`); 9 digits for a
/// township or street, whose first six digits are its county — or its
/// prefecture, for the cities without counties (东莞市 441900003, 中山市,
/// 儋州市 in the statistical division codes).
public struct RegionCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Level: String, Sendable, Codable {
        case province, prefecture, county, township
    }

    public let value: String

    /// Returns nil unless `value` is a well-formed 6- or 9-digit code.
    public init?(_ value: String) {
        let utf8 = Array(value.utf8)
        guard utf8.count == 6 || utf8.count == 9,
              utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        // "00" for the province part does not exist. Townships are numbered
        // by the statistical list itself (even 000: 350527000 under 金门县).
        guard value.prefix(2) != "00" else { return nil }
        self.value = value
    }

    public var level: Level {
        if value.count == 9 { return .township }
        if value.hasSuffix("0000") { return .province }
        if value.hasSuffix("00") { return .prefecture }
        return .county
    }

    /// The digits every code inside this region starts with.
    public var prefix: String {
        switch level {
        case .province: String(value.prefix(2))
        case .prefecture: String(value.prefix(4))
        case .county, .township: value
        }
    }

    /// Children of a province are prefectures (4-character prefix), of a
    /// prefecture counties (6), of a county townships (9 digits).
    public var childPrefixLength: Int {
        switch level {
        case .province: 4
        case .prefecture: 6
        case .county, .township: 9
        }
    }

    /// True when `other` is this region or lies anywhere under it.
    public func contains(_ other: RegionCode) -> Bool {
        other.value.hasPrefix(prefix)
    }

    public var description: String { value }
}

extension RegionCode {
    /// JSON carries a division code as its digits.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = RegionCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a division code: \(text)")
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
