import Foundation

/// Decodes a jsonb column produced by json_agg / jsonb_build_object.
public enum JSONColumn {
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = PGTimestamp.parse(text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
            }
            return date
        }
        return d
    }()

    public static func decode<T: Decodable>(_ row: PGRow, _ column: String, as: T.Type) throws -> T {
        let json: PGJSON = try row.decode(column)
        do {
            return try decoder.decode(T.self, from: Data(json.json.utf8))
        } catch {
            throw StoreError.decoding(column: column, message: "\(error)")
        }
    }
}
