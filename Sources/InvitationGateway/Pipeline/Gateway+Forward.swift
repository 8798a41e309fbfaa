import HTTPTypes
import InvitationCore
import Logging

extension Gateway {
    /// Header names never forwarded as-is: framing and content negotiation (the body is re-rendered),
    /// the host, the request id (set explicitly) and credentials (forwarded by policy only).
    static let notForwarded: Set<String> = [
        "host", "content-length", "content-type", "content-encoding", "accept", "accept-encoding", "expect",
        "x-request-id", "authorization", "cookie", "x-api-key",
    ]

    /// Stage "upstream": picks the caller dialect's upstream, applies its credential policy and performs the operation.
    func forward(
        _ canonical: CanonicalRequest, request: GatewayRequest, matched: MatchedRoute, requestID: String, logger: Logger
    ) async throws(GatewayError) -> CanonicalResponse {
        guard let route = upstreamsByDialect[matched.dialect.name] else {
            throw GatewayError(code: .unavailable, message: "No upstream is configured for this dialect.")
        }
        let callerCredentials = Credentials(headers: request.headers, places: matched.dialect.credentials)
        let metadata = RequestMetadata(requestID: requestID, credentials: route.credentials.apply(to: callerCredentials))
        let headers = Self.forwardedHeaders(request.headers, credentialHeaders: matched.dialect.credentials.headers)
        var upstreamLogger = logger
        upstreamLogger[metadataKey: "upstream"] = "\(route.name)"
        return try await route.upstream.perform(
            canonical, context: UpstreamContext(metadata: metadata, forwardedHeaders: headers, logger: upstreamLogger))
    }

    /// The caller's end-to-end headers: without hop-by-hop ones (and those `Connection` names), framing and credentials.
    static func forwardedHeaders(_ headers: HTTPFields, credentialHeaders: [String]) -> HTTPFields {
        let hopByHop = HopByHopHeaders.names(in: headers)
        var forwarded = HTTPFields()
        for field in headers {
            let name = field.name.canonicalName
            if notForwarded.contains(name) || credentialHeaders.contains(name) { continue }
            if HopByHopHeaders.isHopByHop(name, connectionNamed: hopByHop) { continue }
            forwarded.append(field)
        }
        return forwarded
    }
}
