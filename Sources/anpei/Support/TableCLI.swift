/// A list answer (waves, sessions, a roster, …) as a table, or as JSON with --json.
enum TableCLI {
    static func print<Item: Encodable>(_ items: [Item], _ o: RecordOptions, columns: [Column<Item>]) throws {
        if o.output.json {
            Swift.print(try JSONOutput.encode(items))
            return
        }
        Swift.print(Table.render(items, columns: columns, language: o.output.language))
    }
}
