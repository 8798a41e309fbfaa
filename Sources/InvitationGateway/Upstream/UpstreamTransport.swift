import HTTPTypes
import InvitationCore
import NIOCore

/// Sends one rendered dialect request to an upstream's base URL: the seam between translation and the network.
public protocol UpstreamTransport: Sendable {
    /// Sends `request` (path and query appended to `baseURL`) with `headers`; failures are ``GatewayError``s
    /// (502 unreachable, 504 past `timeout`).
    func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse
}

/// An ``UpstreamTransport`` that sends from an event loop and calls back on it: what lets a request run from
/// start to end on its connection's event loop, without a task or a future.
public protocol EventLoopUpstreamTransport: UpstreamTransport {
    /// ``UpstreamTransport/send(_:headers:baseURL:timeout:)`` on `loop`; `completion` runs on `loop`, once.
    func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration, on loop: any EventLoop,
        completion: @escaping @Sendable (Result<TransportResponse, GatewayError>) -> Void)
}

/// An upstream's answer as it arrived.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: Int, headers: HTTPFields = HTTPFields(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
