/// The unique constraints the services turn into typed conflicts. Their names
/// are written once, here (issue 10); a store test checks that each exists in
/// the migrated schema, so a renamed constraint fails a test, not a user.
public enum UniqueKey: String, Sendable, CaseIterable {
    case enterpriseCreditCode = "enterprises_credit_code_key"
    case institutionCreditCode = "institutions_credit_code_key"
    case employment = "employments_natural_key"
    case certificateNumber = "certificates_number_key"
    case managementCertificateNumber = "management_certificates_number_key"
    case username = "users_username_key"
    case supervisoryStaff = "supervisory_staff_natural_key"
    case drillRuleID = "drill_rule_sets_pkey"
    case drillRuleJurisdictionDate = "drill_rule_sets_jurisdiction_effective_from_key"
}

extension StoreError {
    /// The unique key a 23505 violated, when it is one the services name.
    public var uniqueKey: UniqueKey? {
        guard case .conflict(let constraint?, _) = self else { return nil }
        return UniqueKey(rawValue: constraint)
    }
}
