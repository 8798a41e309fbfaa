import InvitationCore
import Testing

/// Runs the engine's stages on fixture cases the way the gateway does, and describes the results as JSON
/// for golden files: a rendered request (`method`, `path`, `query`, `body`, `losses`) or a rendered
/// response / error (`status`, `contentType`, `headers`, `body`).
struct Pipeline {
    let registry: DialectRegistry

    /// The dialect, route and path parameters a fixture's method and path lead to.
    func route(of fixture: FixtureCase) throws -> (Dialect, Route, [String: String]) {
        guard
            case .route(let dialect, let route, let parameters) = registry.match(
                method: fixture.method, path: fixture.path)
        else { throw FixtureError("\(fixture.name): \(fixture.method) \(fixture.path) matches no route") }
        guard dialect.name == fixture.dialect, route.operation == fixture.operation else {
            throw FixtureError(
                "\(fixture.name): matched \(dialect.name) \(route.operation), not \(fixture.dialect) \(fixture.operation)"
            )
        }
        return (dialect, route, parameters)
    }

    /// Stage "parse" on a request case.
    func parseRequest(_ fixture: FixtureCase) throws -> Result<CanonicalRequest, GatewayError> {
        let (dialect, route, parameters) = try route(of: fixture)
        return Result { () throws(GatewayError) in
            try dialect.parseRequest(route: route, pathParameters: parameters, query: fixture.query, body: fixture.body)
        }
    }

    /// Stage "parse answer" on a response case.
    func parseResponse(_ fixture: FixtureCase) throws -> Result<CanonicalResponse, GatewayError> {
        let (dialect, route, _) = try route(of: fixture)
        let request = try fixture.canonicalRequest()
        return Result { () throws(GatewayError) in
            try dialect.parseResponse(
                route: route, status: fixture.status ?? route.successStatus, body: fixture.body, request: request)
        }
    }

    /// The route a dialect answers `request` on when it faces the caller: its outbound route, else its first.
    static func callerRoute(in dialect: Dialect, for request: CanonicalRequest) -> Route? {
        (try? dialect.outboundRoute(for: request)) ?? dialect.routes(for: request.operation).first
    }

    /// A canonical request rendered for an upstream of `target`; a refusal is shown in the caller's envelope.
    static func describeRequest(_ request: CanonicalRequest, to target: Dialect, caller: Dialect) -> JSONValue {
        do {
            let rendered = try target.renderRequest(request)
            var object: JSONObject = [
                "method": .string(rendered.request.method), "path": .string(rendered.request.path),
            ]
            if let query = rendered.request.query { object["query"] = .string(query) }
            if let contentType = rendered.request.contentType { object["contentType"] = .string(contentType) }
            object["body"] = bodyJSON(rendered.request.body)
            object["losses"] = .array(rendered.losses.map(\.canonical))
            return .object(object)
        } catch {
            return ["refused": describe(caller.renderError(error))]
        }
    }

    /// A dialect response as JSON: status, content type, extra headers and the parsed body.
    static func describe(_ response: DialectResponse) -> JSONValue {
        var object: JSONObject = ["status": .int(response.status)]
        if let contentType = response.contentType { object["contentType"] = .string(contentType) }
        if !response.headers.isEmpty {
            object["headers"] = .object(
                JSONObject(
                    response.headers.sorted { $0.key < $1.key }.map {
                        JSONObject.Member(key: $0.key, value: .string($0.value))
                    }))
        }
        object["body"] = bodyJSON(response.body)
        return .object(object)
    }

    /// A body as JSON (null when empty; a string holding the text when it is not JSON).
    static func bodyJSON(_ body: [UInt8]) -> JSONValue {
        if body.isEmpty { return .null }
        return (try? JSONParser.parse(body)) ?? .string(String(decoding: body, as: UTF8.self))
    }
}
