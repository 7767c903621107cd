import AnpeiDomain
import AnpeiStore
import Foundation

/// Bank versions never change once imported, so the questions of each
/// (bank, version) are read once per process and shared by every paper.
final class BankCache: @unchecked Sendable {
    struct Version: Sendable {
        var questions: [StoredQuestion]
        var byUID: [Int64: Question]
        var titles: [String: String]
    }

    private let lock = NSLock()
    private var versions: [String: Version] = [:]

    func version(_ conn: PGConnection, bankID: String, version: Int) throws -> Version {
        let key = "\(bankID)#\(version)"
        if let hit = lock.withLock({ versions[key] }) { return hit }
        let repo = BankRepository(conn)
        let questions = try repo.questions(bankID: bankID, version: version)
        let titles = Dictionary(try repo.knowledgePoints(bankID: bankID, version: version).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let v = Version(questions: questions, byUID: Dictionary(uniqueKeysWithValues: questions.map { ($0.uid, $0.question) }), titles: titles)
        lock.withLock { versions[key] = v }
        return v
    }
}
