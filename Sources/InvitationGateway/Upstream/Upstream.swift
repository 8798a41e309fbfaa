import HTTPTypes
import InvitationCore
import Logging

/// The pipeline's "upstream" stage: performs a canonical operation somewhere and returns its canonical result.
///
/// ``DialectUpstream`` translates to a dialect and sends it through an ``UpstreamTransport``;
/// ``EmbeddedUpstream`` calls an ``InvitationService`` in this process.
public protocol Upstream: Sendable {
    /// Performs one operation; every failure is a ``GatewayError`` (upstream errors, transport failures, 501/422).
    func perform(_ request: CanonicalRequest, context: UpstreamContext) async throws(GatewayError) -> CanonicalResponse

    /// Whether this upstream has the operation at all (else it answers 501); the gateway merges
    /// `listMyInvitations` over every upstream that has it.
    func carries(_ operation: OperationName) -> Bool
}

extension Upstream {
    /// Every operation, unless the upstream says otherwise.
    public func carries(_ operation: OperationName) -> Bool { true }
}

/// What travels with an operation to an upstream besides its input.
public struct UpstreamContext: Sendable {
    /// The request id and the credentials to present (already chosen by the upstream's credential policy).
    public var metadata: RequestMetadata
    /// The caller's end-to-end headers worth forwarding (no hop-by-hop, framing or credential headers).
    public var forwardedHeaders: HTTPFields
    /// A logger carrying the request id (and the upstream's name, when known).
    ///
    /// Made on access: loggers such as swift-log's stream handler do work on every metadata change, which a
    /// request that logs nothing should not pay for.
    public var logger: Logger {
        get {
            var logger = baseLogger
            logger[metadataKey: "request-id"] = "\(metadata.requestID)"
            if let upstreamName { logger[metadataKey: "upstream"] = "\(upstreamName)" }
            return logger
        }
        set { baseLogger = newValue }
    }
    private var baseLogger: Logger
    /// The configured name of the upstream, for ``logger``.
    public var upstreamName: String?
    /// For a batch create: told each email's outcome as it completes (the gateway journals it); nil otherwise.
    public var batchProgress: BatchProgress?
    /// Canonical paths the gateway filled in itself (`organization.name` from the organization directory): not
    /// the caller's input, so an upstream whose dialect cannot carry them drops them without refusing the request.
    public var gatewaySuppliedFields: Set<String>

    /// A context; every part can also be set afterwards (setting one on a built context copies the whole of it,
    /// its logger being an existential, which the gateway's own requests avoid by passing every part here).
    public init(
        metadata: RequestMetadata, forwardedHeaders: HTTPFields = HTTPFields(), logger: Logger,
        batchProgress: BatchProgress? = nil, upstreamName: String? = nil, gatewaySuppliedFields: Set<String> = []
    ) {
        self.metadata = metadata
        self.forwardedHeaders = forwardedHeaders
        self.baseLogger = logger
        self.batchProgress = batchProgress
        self.upstreamName = upstreamName
        self.gatewaySuppliedFields = gatewaySuppliedFields
    }
}
