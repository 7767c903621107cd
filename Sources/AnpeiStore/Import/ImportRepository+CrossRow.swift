import Foundation

/// Checks across the rows of a file, run in SQL over the staging table once
/// every chunk is staged (issue 9 §2): a dictionary of every key seen would
/// grow with the file; the staging table already holds the rows.
public struct RowConflict: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The same natural key as an earlier row.
        case duplicate
        /// The same person as an earlier row, with other identity data.
        case conflictingRepeat
        /// A region whose parent is neither registered nor in the file.
        case unknownParent
    }
    public let row: Int
    public let firstRow: Int
    public let kind: Kind
    /// The column the conflict is about (staging key), and a value to name.
    public let column: String
    public let value: String?
}

extension ImportRepository {
    /// Table and key names are fixed here, never taken from input.
    private func duplicates(table: String, keys: String, column: String, limit: Int) throws -> [RowConflict] {
        try conn.query(
            """
            SELECT row_no, first_row FROM (
                SELECT row_no, min(row_no) OVER (PARTITION BY \(raw: keys)) AS first_row FROM \(raw: table)) x
            WHERE row_no <> first_row ORDER BY row_no LIMIT \(limit)
            """
        ).rows.map { RowConflict(row: try $0.decode("row_no"), firstRow: try $0.decode("first_row"), kind: .duplicate,
                                 column: column, value: nil) }
    }

    public func peopleConflicts(limit: Int) throws -> [RowConflict] {
        let repeats = try conn.query(
            """
            SELECT row_no, first_row FROM (
                SELECT row_no, name, gender, birth_date,
                       first_value(row_no) OVER w AS first_row, first_value(name) OVER w AS first_name,
                       first_value(gender) OVER w AS first_gender, first_value(birth_date) OVER w AS first_birth
                FROM import_people WINDOW w AS (PARTITION BY document_type, document_number ORDER BY row_no)) x
            WHERE row_no <> first_row AND (name, gender, birth_date) IS DISTINCT FROM (first_name, first_gender, first_birth)
            ORDER BY row_no LIMIT \(limit)
            """
        ).rows.map { RowConflict(row: try $0.decode("row_no"), firstRow: try $0.decode("first_row"), kind: .conflictingRepeat,
                                 column: "name", value: nil) }
        let employments = try duplicates(
            table: "import_people", keys: "document_type, document_number, enterprise_id, start_date", column: "start_date",
            limit: limit)
        return repeats + employments
    }

    public func enterpriseConflicts(limit: Int) throws -> [RowConflict] {
        try duplicates(table: "import_enterprises", keys: "credit_code", column: "credit_code", limit: limit)
    }

    public func institutionConflicts(limit: Int) throws -> [RowConflict] {
        try duplicates(table: "import_institutions", keys: "credit_code", column: "credit_code", limit: limit)
    }

    public func certificateConflicts(limit: Int) throws -> [RowConflict] {
        try duplicates(table: "import_certificates", keys: "number", column: "number", limit: limit)
    }

    public func regionConflicts(limit: Int) throws -> [RowConflict] {
        let dup = try duplicates(table: "import_regions", keys: "code", column: "code", limit: limit)
        let parents = try conn.query(
            """
            SELECT s.row_no, s.parent_code FROM import_regions s
            WHERE s.parent_code IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = s.parent_code)
              AND NOT EXISTS (SELECT 1 FROM import_regions f WHERE f.code = s.parent_code)
            ORDER BY s.row_no LIMIT \(limit)
            """
        ).rows.map { RowConflict(row: try $0.decode("row_no"), firstRow: 0, kind: .unknownParent, column: "parent_code",
                                 value: try $0.decode("parent_code")) }
        return dup + parents
    }
}
