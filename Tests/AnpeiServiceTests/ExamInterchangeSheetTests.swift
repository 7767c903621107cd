import AnpeiDomain
import AnpeiService
import Foundation
import Testing

/// Issue 12: the question spreadsheet institutions exchange (CSV, UTF-8 or
/// GB18030), checked row by row, all-or-nothing.
@Suite("Exam interchange: question sheets")
struct ExamInterchangeSheetTests {
    static let sheet = """
        题型,题干,选项A,选项B,选项C,选项D,答案,解析,难度,知识点,依据
        单选题,人体同时触及两根不同的相线而发生的触电属于哪种触电方式？,单相触电,两相触电,跨步电压触电,,B,人体承受线电压。,易,lv-shock,《中华人民共和国安全生产法》第二十八条
        多选题,"下列电压中，属于安全电压额定值的有：",42V,36V,220V,380V,"A、B",,4,lv-shock；lv-earthing,
        判断 题,误入跨步电压区域时应单脚跳跃离开。,正确,错误,,,√,,,,GB/T 13870.1《电流对人和家畜的效应》

        """

    static let expected = [
        Question(id: "bank-001", type: .single, stem: "人体同时触及两根不同的相线而发生的触电属于哪种触电方式？",
                 options: ["A": "单相触电", "B": "两相触电", "C": "跨步电压触电"], answer: .letters(["B"]),
                 explanation: "人体承受线电压。", difficulty: 2, knowledgePoints: ["lv-shock"],
                 source: .init(law: "《中华人民共和国安全生产法》", article: "第二十八条")),
        Question(id: "bank-002", type: .multiple, stem: "下列电压中，属于安全电压额定值的有：",
                 options: ["A": "42V", "B": "36V", "C": "220V", "D": "380V"], answer: .letters(["A", "B"]),
                 explanation: "", difficulty: 4, knowledgePoints: ["lv-shock", "lv-earthing"], source: .init(law: "未注明")),
        Question(id: "bank-003", type: .trueFalse, stem: "误入跨步电压区域时应单脚跳跃离开。", answer: .truth(true),
                 explanation: "", difficulty: 3, knowledgePoints: [], source: .init(law: "GB/T 13870.1《电流对人和家畜的效应》")),
    ]

    /// The problems of a refused sheet; nil when it was accepted.
    static func problems(_ csv: String) -> [InterchangeError.Problem]? {
        do {
            _ = try QuestionSheet.parse(Data(csv.utf8), idPrefix: "bank")
        } catch {
            return (error as? InterchangeError)?.problems ?? []
        }
        return nil
    }

    @Test("single, multiple and true/false rows read from UTF-8 with BOM and from GB18030 alike")
    func parse() throws {
        let utf8 = try QuestionSheet.parse(Data([0xEF, 0xBB, 0xBF]) + Data(Self.sheet.utf8), idPrefix: "bank")
        #expect(utf8.questions == Self.expected)
        #expect(utf8.category == nil)
        #expect(utf8.warnings.count == 1)  // row 3 names no legal source
        #expect(utf8.warnings.first?.zh.contains("第 3 行") == true)
        let gbk = try QuestionSheet.parse(try TextDecoding.encodeGB18030(Self.sheet), idPrefix: "bank")
        #expect(gbk == utf8)
    }

    @Test("three bad rows: three problems with their rows and codes, and no questions")
    func badRows() {
        let csv = """
            题型,题干,选项A,选项B,选项C,答案,难度
            单选题,题一,甲,乙,丙,D,3
            填空题,题二,甲,乙,,A,3
            单选题,题三,甲,乙,丙,B,3
            判断题,题四,,,,也许,3
            """
        let found = Self.problems(csv)
        #expect(found?.map(\.row) == [2, 3, 5])
        #expect(found?.map(\.code) == ["answer_not_in_options", "unknown_type", "bad_truth_value"])
        #expect(found?.map(\.field) == ["答案", "题型", "答案"])
    }

    @Test("each rule of a row, by its code and column", arguments: [
        ("单选题,题,甲,乙,,丁,A,3", "options_not_contiguous", "选项C"),
        ("单选题,题,甲,乙,丙,丁,A，B,3", "single_with_several_answers", "答案"),
        ("多选题,题,甲,乙,丙,丁,C,3", "multiple_with_one_answer", "答案"),
        ("单选题,,甲,乙,丙,丁,A,3", "missing_stem", "题干"),
        ("单选题,题,甲,乙,丙,丁,A,极难", "bad_difficulty", "难度"),
        ("判断题,题,,,,,也许,3", "bad_truth_value", "答案"),
        ("问答题,题,,,,,略,3", "unknown_type", "题型"),
    ])
    func rowRule(row: String, code: String, field: String) {
        let found = Self.problems("题型,题干,选项A,选项B,选项C,选项D,答案,难度\n\(row)\n")
        #expect(found?.count == 1)
        #expect(found?.first?.row == 2)
        #expect(found?.first?.code == code)
        #expect(found?.first?.field == field)
    }

    @Test("headers: 'A' and '选项 A' name options; a missing required column is named")
    func headers() throws {
        let csv = "题型,题干,A,选项 B,答案,编号\n单选,题,甲,乙,ａ,q-7\n"
        let result = try QuestionSheet.parse(Data(csv.utf8), idPrefix: "bank")
        #expect(result.questions.map(\.id) == ["q-7"])
        #expect(result.questions.first?.options == ["A": "甲", "B": "乙"])
        #expect(result.questions.first?.answer == .letters(["A"]))
        let found = Self.problems("题型,题干\n单选题,题\n")
        #expect(found?.map(\.code) == ["missing_column"])
        #expect(found?.first?.field == "答案")
    }
}
