import AnpeiDomain

/// A column a small import file may have, under any of its header names.
public struct CSVColumn: Sendable {
    public let key: String
    public let names: [String]
    public let required: Bool
    public init(_ key: String, _ names: [String], required: Bool) {
        self.key = key
        self.names = names
        self.required = required
    }
}

extension CSVTable {
    /// Each column's position (the first header among its names, trimmed and
    /// case-insensitive), and the required ones that are missing.
    public func locate(_ columns: [CSVColumn]) -> (index: [String: Int], missing: [CSVColumn]) {
        let header = self.header.map { $0.trimmedCell.lowercased() }
        var index: [String: Int] = [:]
        var missing: [CSVColumn] = []
        for column in columns {
            if let i = header.firstIndex(where: { column.names.contains($0) }) { index[column.key] = i } else if column.required { missing.append(column) }
        }
        return (index, missing)
    }

    /// Cells holding control characters (issue 9 §6), as (row number, header).
    public func controlCharacterCells() -> [(row: Int, column: String)] {
        rows.flatMap { row in
            row.cells.enumerated().filter { ControlCharacters.contains($0.element) }.map { (row.number, $0.offset < header.count ? header[$0.offset] : "") }
        }
    }
}
