import Foundation

/// A proctor asks for one-time codes for an exam room.
public struct AttemptCodeRequest: Codable, Sendable {
    public var blueprintId: String
    public var purpose: String
    public var subjectId: String?
    public var personIds: [String]
    /// How long the codes stay usable (default 240, at most 1440).
    public var validMinutes: Int?
    public init(blueprintId: String, purpose: String, subjectId: String? = nil, personIds: [String], validMinutes: Int? = nil) {
        self.blueprintId = blueprintId
        self.purpose = purpose
        self.subjectId = subjectId
        self.personIds = personIds
        self.validMinutes = validMinutes
    }
}

/// The codes, shown once: only their hashes are stored.
public struct AttemptCodes: Codable, Sendable {
    public struct Code: Codable, Sendable {
        public var personId: String
        public var code: String
        public init(personId: String, code: String) {
            self.personId = personId
            self.code = code
        }
    }

    public var expiresAt: Date
    public var codes: [Code]
    public init(expiresAt: Date, codes: [Code]) {
        self.expiresAt = expiresAt
        self.codes = codes
    }
}
