import AnpeiDomain

/// An enterprise's own people of the year's waves and where each stands.
public struct EnterpriseTrainingRow: Codable, Sendable {
    public var wave: Wave
    public var personId: String
    public var name: String
    /// completed | enrolled | not_enrolled
    public var status: String

    public init(wave: Wave, personId: String, name: String, status: String) {
        self.wave = wave
        self.personId = personId
        self.name = name
        self.status = status
    }
}
