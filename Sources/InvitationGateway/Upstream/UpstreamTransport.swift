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

    /// ``send(_:headers:baseURL:timeout:)`` with the headers as the pipeline makes them; by default they are made
    /// fields and sent so. A transport that writes the request's bytes itself can write the parts instead.
    func send(
        _ request: DialectRequest, headers: UpstreamHeaders, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse
}

extension UpstreamTransport {
    public func send(
        _ request: DialectRequest, headers: UpstreamHeaders, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        try await send(request, headers: headers.fields, baseURL: baseURL, timeout: timeout)
    }
}

/// An ``UpstreamTransport`` that sends from an event loop and calls back on it: what lets a request run from
/// start to end on its connection's event loop, without a task or a future.
public protocol EventLoopUpstreamTransport: UpstreamTransport {
    /// ``UpstreamTransport/send(_:headers:baseURL:timeout:)`` on `loop`; `completion` runs on `loop`, once.
    func send(
        _ request: DialectRequest, headers: UpstreamHeaders, baseURL: String, timeout: Duration, on loop: any EventLoop,
        completion: @escaping @Sendable (Result<TransportResponse, GatewayError>) -> Void)
}

/// An upstream's answer as it arrived.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    /// The answer's fields.
    ///
    /// From ``PooledHTTPTransport`` they are kept as the head's checked lines and made into `HTTPFields` when first
    /// read here: the pipeline reads them only for an error's `Retry-After`, so a success never builds them.
    public var headers: HTTPFields {
        get {
            switch storage {
            case .fields(let fields): fields
            case .lines(let lines): lines.fields
            }
        }
        set { storage = .fields(newValue) }
    }
    public var body: [UInt8]
    private var storage: Storage

    private enum Storage: Sendable {
        case fields(HTTPFields)
        case lines(UpstreamFieldLines)
    }

    public init(status: Int, headers: HTTPFields = HTTPFields(), body: [UInt8] = []) {
        self.status = status
        self.storage = .fields(headers)
        self.body = body
    }

    init(status: Int, fieldLines: UpstreamFieldLines, body: [UInt8]) {
        self.status = status
        self.storage = .lines(fieldLines)
        self.body = body
    }

    public static func == (lhs: TransportResponse, rhs: TransportResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.headers == rhs.headers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(headers)
        hasher.combine(body)
    }
}
