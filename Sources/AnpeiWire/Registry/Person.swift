import AnpeiDomain
import Foundation

/// A person as the caller may see them: lists mask the document number.
public struct Person: Codable, Sendable, Equatable {
    public var id: String
    public var documentType: DocumentType
    public var documentNumber: String
    /// True when `documentNumber` is masked for this caller.
    public var documentMasked: Bool
    public var name: String
    public var gender: Gender?
    public var birthDate: String?
    /// The caller's own employers' contact number (the latest visible employment's).
    public var phone: String?
    /// Only the employments inside the caller's scope.
    public var employments: [Employment]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, documentType: DocumentType, documentNumber: String, documentMasked: Bool, name: String,
                gender: Gender?, birthDate: String?, phone: String?, employments: [Employment], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.documentMasked = documentMasked
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.phone = phone
        self.employments = employments
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
