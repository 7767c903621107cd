import AnpeiDomain

public struct AttendanceInput: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var enrollmentId: String
        public var present: Bool
        public init(enrollmentId: String, present: Bool) {
            self.enrollmentId = enrollmentId
            self.present = present
        }
    }
    public var day: String
    public var entries: [Entry]
    public init(day: String, entries: [Entry]) {
        self.day = day
        self.entries = entries
    }
}
