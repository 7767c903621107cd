import AnpeiDomain
import Foundation

public struct RosterEntry: Codable, Sendable, Equatable {
    public var id: String
    public var observer: Bool
    public var personId: String?
    public var name: String
    /// Masked document number for trainees; the organisation for observers.
    public var document: String?
    public var organisation: String?
    public var enterpriseId: String?
    public var status: String
    public var presentDays: Int
    public var completedOn: String?
    public var completionCode: String?

    public init(id: String, observer: Bool, personId: String? = nil, name: String, document: String? = nil, organisation: String? = nil, enterpriseId: String? = nil, status: String, presentDays: Int, completedOn: String? = nil, completionCode: String? = nil) {
        self.id = id
        self.observer = observer
        self.personId = personId
        self.name = name
        self.document = document
        self.organisation = organisation
        self.enterpriseId = enterpriseId
        self.status = status
        self.presentDays = presentDays
        self.completedOn = completedOn
        self.completionCode = completionCode
    }
}
