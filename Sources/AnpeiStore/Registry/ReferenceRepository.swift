import AnpeiDomain
import Foundation

/// Reference lists: regions, sectors, the special-operations catalogue.
public struct ReferenceRepository: Sendable {
    let conn: PGConnection
    public init(_ conn: PGConnection) { self.conn = conn }

    public struct Region: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var parentCode: String?
        /// No longer in the latest edition of the division codes (kept: records refer to it).
        public var withdrawn: Bool
    }

    public struct Sector: Codable, Sendable, Equatable {
        public var code: String
        public var kind: String
        public var nameZh: String
        public var nameEn: String
        public var highRiskTraining: Bool
        public var highRiskDrill: Bool
        public var mining: Bool
        /// R-WAVE-7: the sector this one lies under.
        public var parentCode: String?
    }

    public struct CatalogueItem: Codable, Sendable, Equatable {
        public var code: String
        public var categoryCode: String
        public var categoryName: String
        public var name: String
    }

    public func regions(parent: String?) throws -> [Region] {
        try conn.query(
            """
            SELECT code, name, parent_code, withdrawn FROM regions
            WHERE (\(parent)::text IS NULL AND parent_code IS NULL) OR parent_code = \(parent) ORDER BY code
            """
        ).rows.map {
            Region(code: try $0.decode("code"), name: try $0.decode("name"), parentCode: try $0.decode("parent_code"),
                   withdrawn: try $0.decode("withdrawn"))
        }
    }

    public func regionName(_ code: String) throws -> String? {
        try conn.query("SELECT name FROM regions WHERE code = \(code)").first?.decode("name")
    }

    public func regionExists(_ code: String) throws -> Bool {
        try conn.query("SELECT 1 AS x FROM regions WHERE code = \(code)").first != nil
    }

    public func sectors() throws -> [Sector] {
        try conn.query("SELECT * FROM sectors ORDER BY kind, code").rows.map {
            Sector(code: try $0.decode("code"), kind: try $0.decode("kind"), nameZh: try $0.decode("name_zh"),
                   nameEn: try $0.decode("name_en"), highRiskTraining: try $0.decode("high_risk_training"),
                   highRiskDrill: try $0.decode("high_risk_drill"), mining: try $0.decode("mining"),
                   parentCode: try $0.decode("parent_code"))
        }
    }

    /// R-WAVE-7: the hierarchy of sectors and unit types.
    public func sectorTree() throws -> SectorTree {
        var parents: [String: String] = [:]
        for s in try sectors() { if let p = s.parentCode { parents[s.code] = p } }
        return SectorTree(parents: parents)
    }

    /// Sector codes by Chinese or English name or code, for CSV files.
    public func sectorLookup() throws -> [String: String] {
        var map: [String: String] = [:]
        for s in try sectors() {
            map[s.code] = s.code
            map[s.nameZh] = s.code
            map[s.nameEn.lowercased()] = s.code
        }
        // One code for 城镇燃气 whatever a plan or file calls it (issue 11 §3).
        for row in try conn.query("SELECT alias, code FROM sector_aliases").rows {
            map[try row.decode("alias")] = try row.decode("code")
        }
        return map
    }

    public func catalogue(version: String) throws -> [CatalogueItem] {
        try conn.query(
            """
            SELECT i.code, i.category_code, c.name_zh AS category_name, i.name_zh
            FROM special_op_items i JOIN special_op_categories c
              ON c.catalogue_version = i.catalogue_version AND c.code = i.category_code
            WHERE i.catalogue_version = \(version)
            ORDER BY i.category_code::int, split_part(i.code, '.', 2)::int
            """
        ).rows.map {
            CatalogueItem(code: try $0.decode("code"), categoryCode: try $0.decode("category_code"),
                          categoryName: try $0.decode("category_name"), name: try $0.decode("name_zh"))
        }
    }
}
