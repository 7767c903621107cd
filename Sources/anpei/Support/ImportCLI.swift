import AnpeiWire

/// How the CLI reports a refused file: every bad row with its column and code.
enum ImportCLI {
    static func printRejected(_ errors: [ImportReport.RowError], zh: Bool) {
        print(zh ? "文件未导入，以下各行有误：" : "file rejected; bad rows:")
        print(Table.render(headers: zh ? ["行", "列", "代码", "说明"] : ["row", "column", "code", "message"],
                           rows: errors.map { [String($0.row), $0.column, $0.code, $0.message] }))
    }
}
