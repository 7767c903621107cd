import AnpeiDomain
import Foundation

/// Rule sets and catalogue versions as data (DOMAIN.md "Certificate rules").
extension CertificateRepository {
    /// The rule sets as stored (params decode to the domain type).
    public func ruleSets() throws -> [CertificateRuleSet] {
        try conn.query("SELECT id, effective_from, params::text AS params FROM certificate_rule_sets").rows.map { row in
            var json = try JSONSerialization.jsonObject(with: Data(try row.decode("params", as: String.self).utf8)) as! [String: Any]
            json["id"] = try row.decode("id", as: String.self)
            let from: PGDate = try row.decode("effective_from")
            json["effectiveFrom"] = from.description
            return try JSONDecoder().decode(CertificateRuleSet.self, from: JSONSerialization.data(withJSONObject: json))
        }
    }

    /// The rule sets with their names, oldest first.
    public func storedRuleSets() throws -> [(rules: CertificateRuleSet, name: String)] {
        let names = Dictionary(uniqueKeysWithValues: try conn.query("SELECT id, name FROM certificate_rule_sets").rows.map {
            (try $0.decode("id", as: String.self), try $0.decode("name", as: String.self))
        })
        return try ruleSets().sorted { $0.effectiveFrom < $1.effectiveFrom }.map { ($0, names[$0.id] ?? $0.id) }
    }

    public func insertRuleSet(_ rules: CertificateRuleSet, name: String) throws {
        var params = try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules)) as! [String: Any]
        params["id"] = nil
        params["effectiveFrom"] = nil
        let json = String(decoding: try JSONSerialization.data(withJSONObject: params, options: [.sortedKeys]), as: UTF8.self)
        try conn.query("""
            INSERT INTO certificate_rule_sets (id, effective_from, name, params)
            VALUES (\(rules.id), \(rules.effectiveFrom.description)::date, \(name), \(json)::jsonb)
            """)
    }

    public func insertCatalogue(version: String, name: String, effectiveFrom: CivilDate, categories: [(String, String)], items: [(String, String)]) throws {
        try conn.query("""
            INSERT INTO special_op_catalogues (version, name, effective_from) VALUES (\(version), \(name), \(effectiveFrom.description)::date)
            """)
        for (code, name) in categories {
            try conn.query("INSERT INTO special_op_categories (catalogue_version, code, name_zh) VALUES (\(version), \(code), \(name))")
        }
        for (code, name) in items {
            let category = String(code.split(separator: ".")[0])
            try conn.query("""
                INSERT INTO special_op_items (catalogue_version, code, category_code, name_zh) VALUES (\(version), \(code), \(category), \(name))
                """)
        }
    }
}
