import AnpeiDomain

/// Identity fields (name, gender, birth date) and, for an enterprise, its
/// own contact number. `reason` is required when an administrator or a
/// regulator corrects identity.
public struct PersonPatch: Codable, Sendable {
    public var name: String?
    public var gender: Gender?
    public var birthDate: String?
    public var phone: String?
    public var reason: String?
    public init(name: String? = nil, gender: Gender? = nil, birthDate: String? = nil, phone: String? = nil, reason: String? = nil) {
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.phone = phone
        self.reason = reason
    }
}
