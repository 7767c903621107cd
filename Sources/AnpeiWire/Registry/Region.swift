import AnpeiDomain
import Foundation

public struct Region: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var parentCode: String?

    public init(code: String, name: String, parentCode: String? = nil) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}
