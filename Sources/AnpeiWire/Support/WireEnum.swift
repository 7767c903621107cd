import AnpeiDomain

/// A closed set of strings on the wire. The OpenAPI agreement test reads the
/// cases from here, so a new case that the document lacks fails the build's tests.
public protocol WireEnum: CaseIterable, RawRepresentable, Codable, Sendable where RawValue == String {}

extension WireEnum {
    public static var wireValues: [String] { allCases.map(\.rawValue) }
    public static var wireSample: Any { allCases.first! }
}

/// A value that is one JSON scalar but not a Swift scalar (none yet besides the
/// ones the test knows: UUID, Date, CivilDate).
public protocol WireLeaf {
    static var wireType: String { get }
    static var wireFormat: String? { get }
    static var wireSample: Any { get }
}

// The domain's vocabularies that appear in bodies.
extension Role: WireEnum {}
extension DocumentType: WireEnum {}
extension Gender: WireEnum {}
extension EmploymentRole: WireEnum {}
extension EmploymentType: WireEnum {}
extension AreaKind: WireEnum {}
extension EnterpriseStatus: WireEnum {}
extension TrainingKind: WireEnum {}
extension InstitutionStatus: WireEnum {}
extension CertificateStatus.State: WireEnum {}
extension TrainingModule: WireEnum {}
extension WaveTargetRole: WireEnum {}
extension DeliveryModel: WireEnum {}
extension WaveRules.SessionKind: WireEnum {}
extension WaveRules.SessionStatus: WireEnum {}
extension ImportKind: WireEnum {}
extension TextEncoding: WireEnum {}
