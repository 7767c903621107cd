import AnpeiDomain

public struct AttendanceInput: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var enrollmentId: String
        public var present: Bool
        /// R-WAVE-8: an approved absence made up (补课) on this date; only with `present` false.
        public var madeUpOn: String?
        public init(enrollmentId: String, present: Bool, madeUpOn: String? = nil) {
            self.enrollmentId = enrollmentId
            self.present = present
            self.madeUpOn = madeUpOn
        }
    }
    public var day: String
    public var entries: [Entry]
    public init(day: String, entries: [Entry]) {
        self.day = day
        self.entries = entries
    }
}
