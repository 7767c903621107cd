import AnpeiDomain
import AnpeiService
import Foundation
import Testing

/// Issue 12: question banks travel to and from Moodle (GIFT, Moodle XML)
/// without losing anpei's fields; kinds anpei does not examine are refused.
@Suite("Exam interchange: GIFT and Moodle XML")
struct ExamInterchangeTests {
    static let banksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../question-banks").standardized

    static func banks() throws -> [QuestionBank] {
        let names = try FileManager.default.contentsOfDirectory(atPath: banksFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { try BankFile.decode(Data(contentsOf: banksFolder.appendingPathComponent($0))) }
    }

    /// The problems of a refused import; nil when it was accepted.
    static func problems(_ body: () throws -> Void) -> [InterchangeError.Problem]? {
        do {
            try body()
        } catch {
            return (error as? InterchangeError)?.problems ?? []
        }
        return nil
    }

    @Test("GIFT → anpei → GIFT keeps every question of the five banks")
    func giftRoundTrip() throws {
        let banks = try Self.banks()
        #expect(banks.count == 5)
        for bank in banks {
            let text = GIFT.export(bank.questions, category: bank.title)
            let back = try GIFT.parse(text)
            #expect(back.questions.count == bank.questions.count, "\(bank.id)")
            for (original, read) in zip(bank.questions, back.questions) {
                #expect(read == original, "\(bank.id) \(original.id)")
            }
            #expect(back.category == bank.title)
            #expect(back.warnings.isEmpty)
            #expect(GIFT.export(back.questions, category: back.category) == text)
        }
    }

    @Test("Moodle XML → anpei → Moodle XML keeps every question of the five banks")
    func moodleXMLRoundTrip() throws {
        for bank in try Self.banks() {
            let xml = MoodleXML.export(bank.questions, category: bank.title)
            let back = try MoodleXML.parse(Data(xml.utf8))
            #expect(back.questions.count == bank.questions.count, "\(bank.id)")
            for (original, read) in zip(bank.questions, back.questions) {
                #expect(read == original, "\(bank.id) \(original.id)")
            }
            #expect(back.category == bank.title)
            #expect(back.warnings.isEmpty)
            #expect(MoodleXML.export(back.questions, category: back.category) == xml)
        }
    }

    static let tricky = Question(
        id: "x:1", type: .multiple, stem: "a:b=c~d{e}f#g\\h\n第二行 [注] x ]]> y <b>&amp;",
        options: ["A": "%5% 以上", "B": "=等于", "C": "{括号}", "D": "~波浪"], answer: .letters(["A", "B", "C"]),
        explanation: "解析：#1 // 不是注释", difficulty: 5, knowledgePoints: ["k:1", "k2"],
        source: .init(law: "《法》", article: "第1条"))
    static let plainSingle = Question(
        id: "s", type: .single, stem: "[html]不是格式", options: ["A": "%5%的人", "B": "对"], answer: .letters(["B"]),
        explanation: "", difficulty: 1, knowledgePoints: [], source: .init(law: "未注明"))

    @Test("GIFT export: weights as Moodle writes them, every special character escaped")
    func giftEscapes() throws {
        let text = GIFT.export([Self.tricky, Self.plainSingle], category: nil)
        #expect(text.contains("::x\\:1::a\\:b\\=c\\~d\\{e\\}f\\#g\\\\h\\n第二行 [注] x ]]> y <b>&amp;{\n"))
        #expect(text.contains("\t~%33.33333%%5% 以上\n\t~%33.33333%\\=等于\n\t~%33.33333%\\{括号\\}\n\t~%-100%\\~波浪\n"))
        #expect(text.contains("\t####解析：\\#1 // 不是注释\n"))
        #expect(text.contains("::s::[moodle][html]不是格式{\n\t~%0%%5%的人\n\t=对\n}"))
        #expect(try GIFT.parse(text).questions == [Self.tricky, Self.plainSingle])
        let xml = MoodleXML.export([Self.tricky, Self.plainSingle], category: "c")
        #expect(xml.contains("<answer fraction=\"-100\" format=\"html\">"))
        #expect(try MoodleXML.parse(Data(xml.utf8)).questions == [Self.tricky, Self.plainSingle])
    }

    @Test("GIFT as a Moodle site exports it: category, names, [html], feedback, weights, {T}; no anpei comment → defaults and a warning")
    func giftFromMoodle() throws {
        let text = #"""
            // question: 0  name: switch category to $course$/top/安全培训/电工
            $CATEGORY: $course$/top/安全培训/电工

            // question: 102  name: 电工1
            ::电工1::[html]<p>人体同时触及两根相线，属于哪种触电？</p>{
                =两相触电#正确
                ~单相触电#错误
                ~跨步电压触电
                ####<p>两相触电时人体承受&nbsp;线电压。</p>
            }

            ::安全电压::下列属于安全电压额定值的有\: {
                ~%50%36V#对
                ~%50%24V
                ~%-100%220V
            }

            // anpei: {"difficulty":2,"knowledgePoints":["lv-rcd"],"source":{"article":"第二十八条","law":"《中华人民共和国安全生产法》"}}
            ::rcd-1::保护接零适用于 TN 系统。{T#错误时的反馈#正确时的反馈}

            没有名称的判断题{FALSE####一般反馈}
            """#
        let result = try GIFT.parse(text)
        let unknown = Question.Source(law: "未注明")
        #expect(result.category == "安全培训/电工")
        #expect(result.questions == [
            Question(id: "电工1", type: .single, stem: "人体同时触及两根相线，属于哪种触电？",
                     options: ["A": "两相触电", "B": "单相触电", "C": "跨步电压触电"], answer: .letters(["A"]),
                     explanation: "两相触电时人体承受 线电压。", difficulty: 3, knowledgePoints: [], source: unknown),
            Question(id: "安全电压", type: .multiple, stem: "下列属于安全电压额定值的有:",
                     options: ["A": "36V", "B": "24V", "C": "220V"], answer: .letters(["A", "B"]),
                     explanation: "", difficulty: 3, knowledgePoints: [], source: unknown),
            Question(id: "rcd-1", type: .trueFalse, stem: "保护接零适用于 TN 系统。", answer: .truth(true), explanation: "",
                     difficulty: 2, knowledgePoints: ["lv-rcd"], source: .init(law: "《中华人民共和国安全生产法》", article: "第二十八条")),
            Question(id: "gift-4", type: .trueFalse, stem: "没有名称的判断题", answer: .truth(false), explanation: "一般反馈",
                     difficulty: 3, knowledgePoints: [], source: unknown),
        ])
        #expect(result.warnings.count == 3)
        #expect(result.warnings.first?.zh.contains("电工1") == true)
    }

    @Test("GIFT with an essay question is refused, naming the line")
    func giftEssay() {
        let text = "::q1::第一题{TRUE}\n\n// 论述题\n::q2::\n请论述触电急救的步骤。{}\n"
        let found = Self.problems { _ = try GIFT.parse(text) }
        #expect(found?.count == 1)
        #expect(found?.first?.row == 4)
        #expect(found?.first?.code == "unsupported_kind")
        #expect(found?.first?.message.zh.contains("第 4 行") == true)
        #expect(found?.first?.message.zh.contains("问答题") == true)
        #expect(found?.first?.message.en.contains("essay") == true)
    }

    @Test("GIFT kinds anpei does not examine are refused by name", arguments: [
        ("{=加拿大 -> 渥太华 =意大利 -> 罗马}", "匹配题", "matching"),
        ("{#1822:5}", "数值题", "numerical"),
        ("{=无人 =没有人}", "简答", "short-answer"),
        ("", "说明", "description"),
    ])
    func giftUnsupported(answers: String, zh: String, en: String) {
        let found = Self.problems { _ = try GIFT.parse("::a::第一题{FALSE}\n\n::b::第二题\(answers)\n") }
        #expect(found?.map(\.row) == [3])
        #expect(found?.first?.code == "unsupported_kind")
        #expect(found?.first?.message.zh.contains(zh) == true)
        #expect(found?.first?.message.en.contains(en) == true)
    }

    @Test("Moodle XML as a site exports it: HTML text, entities, multiple answers; other types refused by ordinal")
    func moodleXMLFromMoodle() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <quiz>
            <!-- question: 0  -->
              <question type="category">
                <category><text>$course$/top/默认类别</text></category>
              </question>
              <question type="multichoice">
                <name><text>漏电保护</text></name>
                <questiontext format="html"><text><![CDATA[<p dir="ltr">额定动作电流不应大于 30&nbsp;mA 的场所是：</p>]]></text></questiontext>
                <generalfeedback format="html"><text>&lt;p&gt;手持电动工具&amp;amp;移动设备。&lt;/p&gt;</text></generalfeedback>
                <single>true</single>
                <answer fraction="100" format="html"><text><![CDATA[<p>手持电动工具</p>]]></text></answer>
                <answer fraction="0" format="html"><text>固定照明</text></answer>
              </question>
              <question type="multichoice">
                <name><text>安全电压</text></name>
                <questiontext format="moodle_auto_format"><text>安全电压额定值有：</text></questiontext>
                <single>false</single>
                <answer fraction="50"><text>36V</text></answer>
                <answer fraction="50"><text>24V</text></answer>
                <answer fraction="-100"><text>220V</text></answer>
                <tags><tag><text>anpei:difficulty=4</text></tag><tag><text>anpei:law=GB/T 3805</text></tag></tags>
              </question>
              <question type="truefalse">
                <name><text>接零</text></name>
                <questiontext format="html"><text>TT 系统可以接零。</text></questiontext>
                <answer fraction="0"><text>true</text></answer>
                <answer fraction="100"><text>false</text></answer>
              </question>
            </quiz>
            """
        let result = try MoodleXML.parse(Data(xml.utf8))
        #expect(result.category == "默认类别")
        #expect(result.questions == [
            Question(id: "漏电保护", type: .single, stem: "额定动作电流不应大于 30 mA 的场所是：",
                     options: ["A": "手持电动工具", "B": "固定照明"], answer: .letters(["A"]),
                     explanation: "手持电动工具&移动设备。", difficulty: 3, knowledgePoints: [], source: .init(law: "未注明")),
            Question(id: "安全电压", type: .multiple, stem: "安全电压额定值有：", options: ["A": "36V", "B": "24V", "C": "220V"],
                     answer: .letters(["A", "B"]), explanation: "", difficulty: 4, knowledgePoints: [], source: .init(law: "GB/T 3805")),
            Question(id: "接零", type: .trueFalse, stem: "TT 系统可以接零。", answer: .truth(false), explanation: "",
                     difficulty: 3, knowledgePoints: [], source: .init(law: "未注明")),
        ])
        #expect(result.warnings.count == 2)

        let essay = xml.replacingOccurrences(of: "<question type=\"truefalse\">", with: "<question type=\"essay\">")
        let found = Self.problems { _ = try MoodleXML.parse(Data(essay.utf8)) }
        #expect(found?.map(\.row) == [4])
        #expect(found?.first?.code == "unsupported_kind")
        #expect(found?.first?.message.zh.contains("问答题") == true)
        let broken = Self.problems { _ = try MoodleXML.parse(Data("<quiz><question".utf8)) }
        #expect(broken?.first?.code == "bad_xml")
    }
}
