import Foundation

public struct CertificateValues: Codable, Sendable {
    public var personId: String
    public var itemCode: String
    public var number: String?
    public var issuingAuthority: String
    public var firstIssued: String
    public var validityStart: String?
    public var validityEnd: String?
    public var extensionConsentDate: String?
    public var inTradeSince: String?
    public var catalogueVersion: String?

    public init(personId: String, itemCode: String, number: String? = nil, issuingAuthority: String, firstIssued: String,
                validityStart: String? = nil, validityEnd: String? = nil, extensionConsentDate: String? = nil, inTradeSince: String? = nil,
                catalogueVersion: String? = nil) {
        self.validityStart = validityStart
        self.personId = personId
        self.itemCode = itemCode
        self.number = number
        self.issuingAuthority = issuingAuthority
        self.firstIssued = firstIssued
        self.validityEnd = validityEnd
        self.extensionConsentDate = extensionConsentDate
        self.inTradeSince = inTradeSince
        self.catalogueVersion = catalogueVersion
    }
}

/// SQL for certificates. Visibility follows the holder (ScopeFilter through
