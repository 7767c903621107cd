import AnpeiService
import AnpeiWire
import ArgumentParser
import Foundation

/// The candidate's text interface: one question at a time with the time left;
/// every answer is saved at once, so a lost terminal loses nothing. The server
/// keeps the time: when it refuses an answer as late, the attempt is closed.
struct ExamTerminal {
    let api: APIClient
    let zh: Bool

    static func clock(_ seconds: Int?) -> String {
        guard let seconds else { return "—" }
        return String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    static func typeLabel(_ type: String, zh: Bool) -> String {
        switch type {
        case "single": zh ? "单选题" : "single choice"
        case "multiple": zh ? "多选题" : "multiple choice"
        default: zh ? "判断题" : "true/false"
        }
    }

    /// "ABD", "a,b", "对", "错", "T", "F", "√", "×" (or "-" to clear).
    static func parse(_ text: String, position: Int) -> AnswerInput.Answer? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if ["对", "√", "T", "TRUE", "正确", "是"].contains(t) { return .init(position: position, truth: true) }
        if ["错", "×", "X", "F", "FALSE", "错误", "否"].contains(t) { return .init(position: position, truth: false) }
        if t == "-" { return .init(position: position, letters: []) }
        let letters = t.filter { $0.isLetter }.map(String.init)
        guard !letters.isEmpty, letters.allSatisfy({ ("A"..."H").contains($0) }) else { return nil }
        return .init(position: position, letters: Array(Set(letters)).sorted())
    }

    static func render(_ item: AttemptView.Item, of total: Int, zh: Bool) -> String {
        var lines = ["[\(item.position)/\(total)] \(typeLabel(item.type, zh: zh))（\(String(format: "%g", item.points))\(zh ? "分" : " pts")）", item.stem]
        for o in item.options ?? [] { lines.append("  \(o.letter). \(o.text)") }
        if item.type == "true_false" { lines.append(zh ? "  对 / 错" : "  T / F") }
        let given = item.letters.map { $0.joined() } ?? item.truth.map { $0 ? (zh ? "对" : "T") : (zh ? "错" : "F") }
        if let given { lines.append((zh ? "  已答：" : "  answered: ") + given) }
        return lines.joined(separator: "\n")
    }

    static func paper(_ view: AttemptView, zh: Bool) -> String {
        let head = zh ? "考试 \(view.id)（\(view.title)），共 \(view.items.count) 题，满分 \(String(format: "%g", view.maxScore))，合格 \(String(format: "%g", view.passMark))，剩余 \(clock(view.secondsLeft))"
            : "attempt \(view.id) (\(view.title)): \(view.items.count) questions, \(String(format: "%g", view.maxScore)) points, pass \(String(format: "%g", view.passMark)), \(clock(view.secondsLeft)) left"
        return ([head] + view.items.map { render($0, of: view.items.count, zh: zh) }).joined(separator: "\n\n")
    }

    static func result(_ view: AttemptView, zh: Bool) -> String {
        guard view.status == "submitted" else {
            return zh ? "考试进行中：剩余 \(clock(view.secondsLeft))" : "in progress: \(clock(view.secondsLeft)) left"
        }
        let score = String(format: "%g", view.score ?? 0)
        let verdict = view.passed == true ? (zh ? "合格" : "passed") : (zh ? "不合格" : "failed")
        let auto = view.autoSubmitted ? (zh ? "（到时自动交卷）" : " (submitted at the time limit)") : ""
        return zh ? "成绩 \(score)/\(String(format: "%g", view.maxScore))，\(verdict)\(auto)（第\(view.attemptNumber)次考试，\(view.examDate)）"
            : "score \(score)/\(String(format: "%g", view.maxScore)), \(verdict)\(auto) (attempt \(view.attemptNumber), \(view.examDate))"
    }

    func take(_ start: AttemptView) async throws {
        var view = start
        var index = 0
        print(zh ? "输入答案（如 A、ABD、对、错），回车下一题；p 上一题，g 题号 跳转，s 交卷，q 暂离（可用 anpei exam answer 继续）"
            : "Type an answer (A, ABD, T, F) and Enter for the next; p previous, g N go to, s submit, q leave (continue with anpei exam answer)")
        while true {
            let item = view.items[index]
            print("\n" + (zh ? "剩余时间 " : "time left ") + Self.clock(view.secondsLeft))
            print(Self.render(item, of: view.items.count, zh: zh))
            print("> ", terminator: "")
            guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) else { return }
            switch line.lowercased() {
            case "": index = min(index + 1, view.items.count - 1)
            case "p": index = max(index - 1, 0)
            case "q": return
            case "s":
                let done = try await api.send("POST", "v1/exam-attempts/\(view.id)/submission", body: [String: String](), as: AttemptView.self)
                print(Self.result(done, zh: zh))
                return
            default:
                if line.lowercased().hasPrefix("g"), let n = Int(line.dropFirst().trimmingCharacters(in: .whitespaces)), (1...view.items.count).contains(n) {
                    index = n - 1
                    continue
                }
                guard let answer = Self.parse(line, position: item.position) else {
                    print(zh ? "无法识别的答案" : "cannot read that answer")
                    continue
                }
                do {
                    view = try await api.send("PUT", "v1/exam-attempts/\(view.id)/answers", body: AnswerInput(answers: [answer]), as: AttemptView.self)
                } catch let problem as Problem where problem.code == "time_up" {
                    print(zh ? "考试时间到，已自动交卷。" : "Time is up: the attempt was submitted.")
                    let done = try await api.get("v1/exam-attempts/\(view.id)", as: AttemptView.self)
                    print(Self.result(done, zh: zh))
                    return
                }
                index = min(index + 1, view.items.count - 1)
            }
        }
    }
}

/// A paper exam's score sheet as CSV (UTF-8 or GB18030): personId, subjectId, score.
enum ScoreSheet {
    static func rows(_ data: Data, zh: Bool) throws -> [PaperResultInput.Row] {
        let text = try TextDecoding.decode(data).text
        let table = try CSVTable.parse(text)
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        guard let person = column(["personid", "人员编号"]), let score = column(["score", "成绩"]) else {
            throw CLIError.message(zh ? "成绩单须有 personId（人员编号）和 score（成绩）两列" : "the sheet needs personId and score columns")
        }
        let subject = column(["subjectid", "对象编号"])
        var out: [PaperResultInput.Row] = []
        for (number, cells) in table.rows {
            guard cells.count > max(person, score), let value = Double(cells[score].trimmingCharacters(in: .whitespaces)) else {
                throw CLIError.message(zh ? "第\(number)行：成绩无法识别" : "row \(number): unreadable score")
            }
            let s = subject.flatMap { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespaces) : nil }
            out.append(.init(personId: cells[person].trimmingCharacters(in: .whitespaces), subjectId: s?.isEmpty == false ? s : nil, score: value))
        }
        return out
    }
}
