import AnpeiDomain
import Foundation

public struct CatalogueItem: Codable, Sendable, Equatable {
    public var code: String
    public var categoryCode: String
    public var categoryName: String
    public var name: String

    public init(code: String, categoryCode: String, categoryName: String, name: String) {
        self.code = code
        self.categoryCode = categoryCode
        self.categoryName = categoryName
        self.name = name
    }
}
