import AnpeiDomain
import Foundation
import Yams

/// A question bank as kept in git (`question-banks/*.yaml`), for code that
/// reads bank files without depending on Yams itself (the tests, imports).
public enum BankFile {
    public static func decode(_ data: Data) throws -> QuestionBank {
        try YAMLDecoder().decode(QuestionBank.self, from: data)
    }
}
