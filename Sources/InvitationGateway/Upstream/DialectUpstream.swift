import HTTPTypes
import InvitationCore
import Logging

/// The "upstream" stage for a backend speaking a dialect: render the request in it, send it, parse the answer.
public struct DialectUpstream: Upstream {
    public let dialect: Dialect
    public let baseURL: String
    public let transport: any UpstreamTransport
    /// `transport` when it can call back on an event loop (cast once, not per request).
    let eventLoopTransport: (any EventLoopUpstreamTransport)?
    public let timeout: Duration
    public let uncarriedFields: UncarriedFieldsPolicy
    /// How many single-email creates of one batch may be in flight at once.
    public let fanOutConcurrency: Int

    public init(
        dialect: Dialect, baseURL: String, transport: any UpstreamTransport, timeout: Duration = .seconds(10),
        uncarriedFields: UncarriedFieldsPolicy = .reject, fanOutConcurrency: Int = 8
    ) {
        self.dialect = dialect
        self.baseURL = baseURL
        self.transport = transport
        self.eventLoopTransport = transport as? any EventLoopUpstreamTransport
        self.timeout = timeout
        self.uncarriedFields = uncarriedFields
        self.fanOutConcurrency = max(1, fanOutConcurrency)
    }

    public func perform(_ request: CanonicalRequest, context: UpstreamContext) async throws(GatewayError)
        -> CanonicalResponse
    {
        // Creates to a one-email-per-call dialect always go through the fan-out, even for one email: an upstream
        // error is then that email's result, which a batch caller sees in its item and a single caller as the answer.
        if case .createInvitations(let input) = request, !input.emails.isEmpty, dialect.createsOneAtATime {
            return try await fanOut(input, context: context)
        }
        let rendered = try render(request, context: context)
        return try await send(rendered, for: request, context: context)
    }

    public func carries(_ operation: OperationName) -> Bool { dialect.outboundOperations.contains(operation) }

    /// Renders a request, applying the uncarried-fields policy.
    func render(_ request: CanonicalRequest, context: UpstreamContext) throws(GatewayError) -> RenderedRequest {
        let rendered = try dialect.renderRequest(request)
        let losses = rendered.losses.filter { !context.gatewaySuppliedFields.contains($0.location) }
        if !losses.isEmpty {
            if uncarriedFields == .reject {
                throw GatewayError.validation(
                    losses,
                    message: "The upstream speaks the \(dialect.name) dialect, which cannot carry: "
                        + losses.map(\.location).joined(separator: ", ") + ".")
            }
            context.logger.debug("Dropped fields the \(dialect.name) dialect cannot carry: \(losses.map(\.location))")
        }
        return rendered
    }

    /// Sends one rendered request and reads its answer; upstream errors keep their `Retry-After`.
    ///
    /// - Parameter headers: the request's headers when the caller has built them (a batch builds them once for
    ///   every email); else ``headers(for:context:)``.
    func send(
        _ rendered: RenderedRequest, headers: UpstreamHeaders? = nil, for request: CanonicalRequest,
        context: UpstreamContext
    ) async throws(GatewayError) -> CanonicalResponse {
        let response = try await transport.send(
            rendered.request, headers: headers ?? self.headers(for: rendered, context: context), baseURL: baseURL,
            timeout: timeout)
        return try answer(response, to: rendered, for: request, context: context)
    }

    /// The headers a rendered request goes out with: the caller's forwarded ones, credentials by policy, the
    /// request id, `Accept` and the rendered `Content-Type`.
    func headers(for rendered: RenderedRequest, context: UpstreamContext) -> UpstreamHeaders {
        // The gateway's forwarded headers never have these names (`Gateway.notForwarded`): the others are kept as
        // parts, written after them. A context built by hand may have them, and they are then replaced.
        guard context.forwardedHeaders.contains(where: { Self.setHere.contains($0.name) }) else {
            return UpstreamHeaders(
                forwarded: context.forwardedHeaders, credentials: context.metadata.credentials,
                requestID: context.metadata.requestID, contentType: rendered.request.contentType)
        }
        var headers = context.forwardedHeaders
        context.metadata.credentials.write(to: &headers)
        headers[fields: RequestID.fieldName] = [HTTPField(name: RequestID.fieldName, value: context.metadata.requestID)]
        headers[fields: .accept] = [.acceptJSON]
        if let contentType = rendered.request.contentType {
            headers[fields: .contentType] = [.contentType(contentType)]
        }
        return UpstreamHeaders(headers)
    }

    /// The names ``headers(for:context:)`` sets.
    private static let setHere: [HTTPField.Name] = [
        .authorization, .cookie, Credentials.apiKeyName, RequestID.fieldName, .accept, .contentType,
    ]

    /// Reads the upstream's answer to a rendered request into the canonical result; an error keeps `Retry-After`.
    func answer(
        _ response: TransportResponse, to rendered: RenderedRequest, for request: CanonicalRequest,
        context: UpstreamContext
    ) throws(GatewayError) -> CanonicalResponse {
        do {
            return try dialect.parseResponse(
                route: rendered.route, status: response.status, body: response.body, request: request)
        } catch {
            var error = error
            error.retryAfter = RetryAfter.seconds(in: response.headers) ?? error.retryAfter
            if error.code == .badGateway && (200...299).contains(response.status) {
                context.logger.warning("The upstream's \(response.status) answer did not parse: \(error.message)")
            }
            throw error
        }
    }
}

extension RequestID {
    /// The header's field name.
    public static let fieldName = HTTPField.Name("X-Request-Id")!
}
