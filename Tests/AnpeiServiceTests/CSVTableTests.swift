import AnpeiDomain
import AnpeiService
import Foundation
import Testing

@Suite("CSV parsing and text decoding")
struct CSVTableTests {
    @Test("quotes, doubled quotes, embedded line breaks, CRLF, blank lines and row numbers")
    func parse() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",\r\n3,中文,末尾"
        let t = try CSVTable.parse(text)
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows.map(\.cells) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "中文", "末尾"]])
        // Spreadsheet row numbers: header 1, blank line 3 skipped, the multi-line field spans 4-5.
        #expect(t.rows.map(\.number) == [2, 4, 6])
    }

    @Test("syntax errors name the row", arguments: [("a\n\"open", 2), ("a\nx\"y", 2), ("a\n\"q\"z", 2)])
    func errors(text: String, row: Int) {
        #expect { try CSVTable.parse(text) } throws: { ($0 as? CSVTable.ParseError)?.row == row }
    }

    @Test("encodings: BOM, UTF-8, GB18030 round trip; garbage refused")
    func encodings() throws {
        let sample = "姓名,证件号码\n张三,140825198506151235\n"
        #expect(try TextDecoding.decode(Data(sample.utf8)) == (sample, .utf8))
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF]) + Data(sample.utf8)).encoding == .utf8BOM)
        let gbk = try TextDecoding.encodeGB18030(sample)
        #expect(gbk.count < Data(sample.utf8).count)  // two bytes per Han character
        #expect(try TextDecoding.decode(gbk) == (sample, .gb18030))
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode(Data([0x81, 0x20])) }
    }

    @Test("short GBK text that happens to be valid UTF-8 is still read as GB18030")
    func accidentalUTF8() throws {
        let text = "documentNumber,name\r\nP0000000001,学员\r\n"
        let gbk = try TextDecoding.encodeGB18030(text)
        #expect(String(validating: [UInt8](gbk), as: UTF8.self) != nil)  // D1 A7 D4 B1: valid UTF-8 by accident
        #expect(try TextDecoding.decode(gbk) == (text, .gb18030))
        // Real UTF-8 Chinese (3-byte sequences) and plain ASCII stay UTF-8.
        #expect(try TextDecoding.decode(Data(text.utf8)).encoding == .utf8)
        #expect(try TextDecoding.decode(Data("a,b\r\n1,2\r\n".utf8)).encoding == .utf8)
    }
}

@Suite("Import templates")
struct ImportTemplateTests {
    @Test("the templates in db/import-templates are what the program prints, with every declared header", arguments: ImportKind.allCases)
    func templates(kind: ImportKind) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("db/import-templates/\(kind.rawValue).csv")
        let file = try Data(contentsOf: url)
        #expect(file == Data(ImportSchema.template(kind).utf8), "regenerate with: anpei import template \(kind.rawValue)")
        let table = try CSVTable.parse(try TextDecoding.decode(file).text)
        #expect(table.header == ImportSchema.columns(kind).map(\.zh))
        #expect(table.rows.count == 1)
    }
}
