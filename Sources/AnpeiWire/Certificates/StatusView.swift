import AnpeiDomain

/// A status answer as the API shows it: which state, whether the holder may
/// work, and each reason with its rule id and date.
public struct StatusView: Codable, Sendable {
    public struct Reason: Codable, Sendable {
        public var rule: String
        public var date: String
        public var message: String
        public var messageEn: String

        public init(rule: String, date: String, message: String, messageEn: String) {
            self.rule = rule
            self.date = date
            self.message = message
            self.messageEn = messageEn
        }
    }
    public var state: CertificateStatus.State
    public var label: String
    public var mayWork: Bool
    public var reviewDue: String?
    public var ruleSet: String
    public var asOf: String
    public var reasons: [Reason]
    /// R-CERT-4: eligible for the longer review interval on `asOf` (special-operations certificates only).
    public var extensionEligible: Bool?

    public init(_ s: CertificateStatus, asOf: CivilDate) {
        extensionEligible = s.extensionEligible
        state = s.state
        label = s.state.label.zh
        mayWork = s.mayWork
        reviewDue = s.reviewDue?.description
        ruleSet = s.ruleSet
        self.asOf = asOf.description
        reasons = s.reasons.map { Reason(rule: $0.rule, date: $0.date.description, message: $0.message.zh, messageEn: $0.message.en) }
    }
}
