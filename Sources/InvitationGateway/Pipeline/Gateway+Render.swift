import HTTPTypes
import InvitationCore

extension Gateway {
    /// Stage "render": writes a canonical result in the caller's dialect.
    func renderResult(_ result: CanonicalResponse, request: GatewayRequest, matched: MatchedRoute) -> GatewayResponse {
        let rendered = matched.dialect.renderResponse(result, route: matched.route, instance: request.path)
        return Self.response(rendered)
    }

    /// Writes any error in a dialect's envelope, with the request id in the body where the envelope has a place.
    func render(
        _ error: GatewayError, in dialect: Dialect, request: GatewayRequest, requestID: String,
        extraHeaders: HTTPFields = HTTPFields()
    ) -> GatewayResponse {
        var error = error
        error.requestID = requestID
        var rendered = dialect.renderError(error, instance: Self.printable(request.path))
        if Self.protocolStatuses.contains(error.status) { rendered = Self.restatus(rendered, to: error.status) }
        var response = Self.response(rendered)
        response.headers.append(contentsOf: extraHeaders)
        return response
    }

    /// Writes the error of a request that could not be read (it never reached the pipeline) with its own status.
    ///
    /// The envelope is that of the dialect the request's method and target point to, as for a request no route
    /// takes, or the default dialect's when not even its request line was read. The request id is the caller's
    /// when the request's fields were read, else a new one.
    func renderUnreadable(_ error: GatewayError, request: GatewayRequest?) -> GatewayResponse {
        var error = error
        let requestID = Self.requestID(from: request)
        error.requestID = requestID
        let dialect = request.map(errorDialect(for:)) ?? defaultDialect
        let rendered = dialect.renderError(error, instance: request.map { Self.printable($0.path) })
        var response = Self.response(Self.restatus(rendered, to: error.status))
        response.headers[RequestID.fieldName] = requestID
        return response
    }

    static func response(_ rendered: DialectResponse) -> GatewayResponse {
        var headers = HTTPFields()
        headers.reserveCapacity(2 + rendered.headers.count)  // Content-Type and, in `end`, the request id.
        if let contentType = rendered.contentType { headers.append(.contentType(contentType)) }
        for (name, value) in rendered.headers {
            if let fieldName = HTTPField.Name(name) { headers[fieldName] = value }
        }
        return GatewayResponse(status: rendered.status, headers: headers, body: rendered.body)
    }

    /// HTTP-level statuses no canonical code stands for (405, 413, 415): the gateway keeps them, where a
    /// dialect's code table would otherwise say 400.
    static let protocolStatuses: Set<Int> = [405, 413, 415]

    /// Gives a rendered error another HTTP status, rewriting the envelope's numeric status members
    /// (`status`, `code`) that repeat the old one.
    static func restatus(_ rendered: DialectResponse, to status: Int) -> DialectResponse {
        guard rendered.status != status else { return rendered }
        var result = rendered
        result.status = status
        if let value = try? JSONParser.parse(rendered.body) {
            result.body = replacingStatus(value, old: rendered.status, new: status, depth: 0).jsonBytes
        }
        return result
    }

    private static func replacingStatus(_ value: JSONValue, old: Int, new: Int, depth: Int) -> JSONValue {
        guard depth < 3, case .object(var object) = value else { return value }
        for member in object.members {
            switch member.value {
            case .int(old) where member.key == "status" || member.key == "code": object[member.key] = .int(new)
            case .object: object[member.key] = replacingStatus(member.value, old: old, new: new, depth: depth + 1)
            default: break
            }
        }
        return .object(object)
    }
}
