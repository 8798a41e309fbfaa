import HTTPTypes
import InvitationCore
import InvitationGateway
import NIOConcurrencyHelpers

/// An ``UpstreamTransport`` that records what it is asked to send and answers from a closure (no network).
public final class FakeTransport: UpstreamTransport {
    /// One recorded send.
    public struct Sent: Sendable {
        public var request: DialectRequest
        public var headers: HTTPFields
        public var baseURL: String
        public var timeout: Duration
    }

    private let sent = NIOLockedValueBox<[Sent]>([])
    private let answer: @Sendable (DialectRequest) throws(GatewayError) -> TransportResponse

    /// Answers every request with `answer` (throw a ``GatewayError`` to fake a transport failure).
    public init(answer: @escaping @Sendable (DialectRequest) throws(GatewayError) -> TransportResponse) {
        self.answer = answer
    }

    /// Answers every request with the same status and JSON body.
    public convenience init(status: Int = 200, body: String, headers: HTTPFields = HTTPFields()) {
        self.init { _ throws(GatewayError) in
            TransportResponse(status: status, headers: headers, body: Array(body.utf8))
        }
    }

    /// Every request sent so far.
    public var requests: [Sent] { sent.withLockedValue { $0 } }

    public func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        sent.withLockedValue { $0.append(Sent(request: request, headers: headers, baseURL: baseURL, timeout: timeout)) }
        return try answer(request)
    }
}
