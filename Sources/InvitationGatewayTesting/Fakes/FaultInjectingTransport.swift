import HTTPTypes
import InvitationCore
import InvitationGateway
import NIOConcurrencyHelpers

/// An ``UpstreamTransport`` around a real one that fails, delays or holds chosen requests (failure injection).
///
/// `decide` sees each request before it is sent and says what to do with it; everything it passes reaches the
/// wrapped transport unchanged. Counts what was passed through and what was injected.
public final class FaultInjectingTransport: UpstreamTransport {
    /// What to do with one request.
    public enum Fault: Sendable {
        /// Send it to the real upstream.
        case pass
        /// Send it after a pause (an upstream with latency).
        case delay(Duration)
        /// Do not send it; answer this instead (a 429, a 500, …).
        case answer(TransportResponse)
        /// Do not send it; fail as the transport would (unreachable, timed out).
        case fail(GatewayError)
        /// Do not send it; wait until the task is cancelled, then fail 502 (a request in flight at a crash).
        case hold
    }

    private let wrapped: any UpstreamTransport
    private let decide: @Sendable (DialectRequest) -> Fault
    private let counts = NIOLockedValueBox((passed: [DialectRequest](), injected: [DialectRequest](), held: 0))

    /// Wraps `transport`; `decide` chooses each request's fate.
    public init(wrapping transport: any UpstreamTransport, decide: @escaping @Sendable (DialectRequest) -> Fault) {
        wrapped = transport
        self.decide = decide
    }

    /// The requests that reached the real upstream, in the order they were sent.
    public var passed: [DialectRequest] { counts.withLockedValue { $0.passed } }
    /// The requests answered or failed here instead.
    public var injected: [DialectRequest] { counts.withLockedValue { $0.injected } }
    /// How many requests are being held right now.
    public var held: Int { counts.withLockedValue { $0.held } }

    public func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        switch decide(request) {
        case .pass:
            break
        case .delay(let duration):
            try? await Task.sleep(for: duration)
        case .answer(let response):
            counts.withLockedValue { $0.injected.append(request) }
            return response
        case .fail(let error):
            counts.withLockedValue { $0.injected.append(request) }
            throw error
        case .hold:
            counts.withLockedValue { $0.held += 1 }
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            counts.withLockedValue { $0.held -= 1 }
            throw GatewayError(code: .badGateway, message: "The request was cancelled.")
        }
        counts.withLockedValue { $0.passed.append(request) }
        return try await wrapped.send(request, headers: headers, baseURL: baseURL, timeout: timeout)
    }
}

extension TransportResponse {
    /// A JSON answer with a status (and headers), for injected faults.
    public static func json(_ status: Int, _ body: String, headers: HTTPFields = HTTPFields()) -> TransportResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return TransportResponse(status: status, headers: headers, body: Array(body.utf8))
    }
}
