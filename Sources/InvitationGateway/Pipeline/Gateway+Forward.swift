import HTTPTypes
import InvitationCore
import Logging

extension Gateway {
    /// Header names never forwarded as-is: framing and content negotiation (the body is re-rendered),
    /// the host, the request id (set explicitly), credentials (forwarded by policy only) and the gateway's own
    /// request headers (`Idempotency-Key`, `X-Batch-Mode`: a fanned-out batch must not send one key 50 times).
    static let notForwarded: Set<String> = [
        "host", "content-length", "content-type", "content-encoding", "accept", "accept-encoding", "expect",
        "x-request-id", "authorization", "cookie", "x-api-key", "idempotency-key", "x-batch-mode",
    ]

    /// What travels with an operation to `route`: the request id, credentials by the route's policy, the
    /// caller's end-to-end headers and a logger naming the request and the upstream.
    func upstreamContext(
        for route: UpstreamRoute, request: GatewayRequest, matched: MatchedRoute, requestID: String, logger: Logger,
        gatewaySuppliedFields: Set<String> = []
    ) -> UpstreamContext {
        let callerCredentials = Credentials(request: request, places: matched.dialect.credentials)
        let metadata = RequestMetadata(
            requestID: requestID, credentials: route.credentials.apply(to: callerCredentials))
        let headers = Self.forwardedHeaders(request, credentialHeaders: matched.dialect.credentials.headers)
        return UpstreamContext(
            metadata: metadata, forwardedHeaders: headers, logger: logger, upstreamName: route.name,
            gatewaySuppliedFields: gatewaySuppliedFields)
    }

    /// The caller's end-to-end headers: without hop-by-hop ones (and those `Connection` names), framing and credentials.
    static func forwardedHeaders(_ request: GatewayRequest, credentialHeaders: [String]) -> HTTPFields {
        // `Connection` is itself hop-by-hop, so without one no name beyond the fixed ones is left out.
        let connection = request.headerValues(.connection)
        let connectionNamed = connection.isEmpty ? [] : HopByHopHeaders.names(connectionValues: connection)
        return request.headers { name in
            let name = name.canonicalName
            return !neverForwarded.contains(name) && !credentialHeaders.contains(name)
                && !HopByHopHeaders.isHopByHop(name, connectionNamed: connectionNamed)
        }
    }

    /// ``notForwarded`` and the standard hop-by-hop names, so a header is looked up once.
    private static let neverForwarded = FieldNameSet(notForwarded.union(HopByHopHeaders.names))
}
