import Foundation

public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int
}
