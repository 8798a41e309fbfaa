import HTTPTypes
import InvitationCore

/// Delivers rendered requests to a ``Gateway`` in this process, with no socket.
///
/// An embedded reference upstream configured with a `dialect` is reached through this transport: the request is
/// rendered in that dialect and read back by a gateway serving only that dialect, so the dialect's limits
/// (operations it lacks, fields it cannot carry) apply exactly as they would over the network.
public struct InProcessTransport: UpstreamTransport {
    public let gateway: Gateway

    public init(gateway: Gateway) { self.gateway = gateway }

    public func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        var headers = headers
        if let contentType = request.contentType { headers[.contentType] = contentType }
        let answer = await gateway.respond(
            to: GatewayRequest(
                method: request.method, path: request.path, query: request.query, headers: headers, body: request.body))
        return TransportResponse(status: answer.status, headers: answer.headers, body: answer.body)
    }
}
