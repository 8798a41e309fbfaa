import HTTPTypes
import InvitationCore
import NIOCore

/// One planned call to a dialect upstream: the rendered request, where it goes, and what reading its answer needs.
///
/// A class: it is captured by the callbacks of the send and the answer, and a copy of its parts is dozens of
/// references.
final class UpstreamExchange: Sendable {
    let route: UpstreamRoute
    let upstream: DialectUpstream
    let rendered: RenderedRequest
    /// The operation rendered (for a one-email-per-call dialect, the single email's create).
    let sent: CanonicalRequest
    /// The routed operation: its organization completes and indexes the answer.
    let routed: CanonicalRequest
    let headers: UpstreamHeaders
    let context: UpstreamContext
    let matched: MatchedRoute
    let request: GatewayRequest
    let requestID: String
    /// For a create to a one-email-per-call dialect, its email: the answer is then that email's batch item.
    let email: String?

    init(
        route: UpstreamRoute, upstream: DialectUpstream, rendered: RenderedRequest, sent: CanonicalRequest,
        routed: CanonicalRequest, headers: UpstreamHeaders, context: UpstreamContext, matched: MatchedRoute,
        request: GatewayRequest, requestID: String, email: String?
    ) {
        self.route = route
        self.upstream = upstream
        self.rendered = rendered
        self.sent = sent
        self.routed = routed
        self.headers = headers
        self.context = context
        self.matched = matched
        self.request = request
        self.requestID = requestID
        self.email = email
    }

    /// Sends the request through the upstream's transport.
    func send() async throws(GatewayError) -> TransportResponse {
        try await upstream.transport.send(
            rendered.request, headers: headers, baseURL: upstream.baseURL, timeout: upstream.timeout)
    }

    /// Sends the request on `loop` and calls back there; false (nothing sent) when the upstream's transport
    /// cannot.
    func send(
        on loop: any EventLoop, completion: @escaping @Sendable (Result<TransportResponse, GatewayError>) -> Void
    ) -> Bool {
        guard let transport = upstream.eventLoopTransport else { return false }
        transport.send(
            rendered.request, headers: headers, baseURL: upstream.baseURL, timeout: upstream.timeout, on: loop,
            completion: completion)
        return true
    }
}
