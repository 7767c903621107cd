import AnpeiDomain

public struct UserUpdate: Codable, Sendable {
    public var displayName: String?
    public var disabled: Bool?
    public init(displayName: String? = nil, disabled: Bool? = nil) {
        self.displayName = displayName
        self.disabled = disabled
    }
}
