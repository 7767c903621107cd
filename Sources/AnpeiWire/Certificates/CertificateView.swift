import AnpeiDomain

public struct CertificateView: Codable, Sendable {
    public var certificate: Certificate
    public var status: StatusView

    public init(certificate: Certificate, status: StatusView) {
        self.certificate = certificate
        self.status = status
    }
}
