import AnpeiDomain

/// One column of a table over typed rows: its header in both languages and
/// how a row's value reads.
struct Column<Item> {
    let zh: String
    let en: String
    let value: (Item) -> String

    init(_ zh: String, _ en: String, value: @escaping (Item) -> String) {
        self.zh = zh
        self.en = en
        self.value = value
    }

    /// A field shown as `CellText` shows it.
    init<Value: CellText>(_ zh: String, _ en: String, _ path: KeyPath<Item, Value>) {
        self.init(zh, en, value: { $0[keyPath: path].cellText })
    }
}

/// How a field reads in a table cell: the way the generic cells always showed
/// JSON values, so typed tables look as they did (absent as "-", yes/no as
/// 是/否 in either language, lists joined with "、").
protocol CellText {
    var cellText: String { get }
}

extension String: CellText {
    var cellText: String { self }
}

extension Int: CellText {
    var cellText: String { String(self) }
}

extension Bool: CellText {
    var cellText: String { self ? "是" : "否" }
}

extension Optional: CellText where Wrapped: CellText {
    var cellText: String { map(\.cellText) ?? "-" }
}

extension Array: CellText where Element: CellText {
    var cellText: String { map(\.cellText).joined(separator: "、") }
}

extension Table {
    static func render<Item>(_ items: [Item], columns: [Column<Item>], language: Language) -> String {
        render(headers: columns.map { language == .zh ? $0.zh : $0.en },
               rows: items.map { item in columns.map { $0.value(item) } })
    }
}
