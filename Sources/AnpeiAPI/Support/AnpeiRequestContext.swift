import AnpeiDomain
import AnpeiService
import AnpeiWire
import Hummingbird

/// Per-request state: the authenticated principal once the auth middleware
/// has run.
public struct AnpeiRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The peer's IP address, for per-client rate limits (nil in router tests).
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies here are small; anything bigger is refused with 413
    /// before it is read into memory.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The call context for the service layer; throws 401 when unauthenticated.
    public func call() throws -> CallContext {
        guard let principal else { throw ServiceError.unauthenticated }
        return CallContext(principal: principal, requestID: id)
    }
}
