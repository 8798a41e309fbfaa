extension Dialect {
    /// Stage "parse": reads a request that matched `route` into a validated canonical operation.
    public func parseRequest(
        route: Route, pathParameters: [String: String], query: String?, body: [UInt8]
    ) throws(GatewayError) -> CanonicalRequest {
        try parseRequest(route: route, pathParameters: pathParameters, query: query, body: body, compiled: true)
    }

    /// ``parseRequest(route:pathParameters:query:body:)``, with the route's compiled reader or (`compiled` false,
    /// for tests that compare the two) with the interpreter alone.
    func parseRequest(
        route: Route, pathParameters: [String: String], query: String?, body: [UInt8], compiled: Bool
    ) throws(GatewayError) -> CanonicalRequest {
        if compiled, let reader = route.createReader {
            var input = CreateInvitationsInput()
            if reader.read(json: body, pathParameters: pathParameters, into: &input) {
                // The compiled read of a plain request: what the interpreter and the typed model would give.
                return .createInvitations(consume input)
            }
        }
        var canonical = route.fixed
        var context = ReadContext()
        context.textual = true
        for member in route.pathParameters {
            member.rule.read(
                pathParameters[member.name].map(JSONValue.string), into: &canonical, at: "path.\(member.name)", &context
            )
        }
        if !route.queryParameters.isEmpty {
            guard let items = PercentEncoding.queryItems(query.map { Substring($0) } ?? "") else {
                throw GatewayError(code: .invalidRequest, message: "The query string has a malformed percent-escape.")
            }
            for member in route.queryParameters {
                let values = items.filter { $0.name == member.name }
                if values.count > 1 {
                    context.violation("query.\(member.name)", "is given \(values.count) times", "duplicate")
                    continue
                }
                member.rule.read(
                    values.first.map { JSONValue.string($0.value) }, into: &canonical, at: "query.\(member.name)",
                    &context)
            }
        }
        context.textual = false
        if let bodyRule = route.body {
            let value = try Self.bodyJSON(body)
            if value == nil, case .object = bodyRule.kind {
                context.violation("body", "a JSON object is required", "missing")
            } else {
                bodyRule.read(value, into: &canonical, at: "body", &context)
            }
        }
        if !context.violations.isEmpty { throw GatewayError.validation(context.violations) }
        do {
            return try CanonicalRequest(operation: route.operation, canonical: .object(canonical))
        } catch {
            throw GatewayError.validation(error.fieldViolations)
        }
    }

    /// A request body's JSON; nil when it is blank.
    private static func bodyJSON(_ body: [UInt8]) throws(GatewayError) -> JSONValue? {
        if JSONParser.isBlank(body) { return nil }
        do {
            return try JSONParser.parse(body)
        } catch {
            throw GatewayError(
                code: .invalidRequest,
                message: "The request body is not valid JSON (\(error.reason) at byte \(error.offset)).")
        }
    }

    /// The outbound route that carries `request`: the first for its operation whose fixed values it has.
    public func outboundRoute(for request: CanonicalRequest) throws(GatewayError) -> Route {
        try outboundRoute(for: request, canonical: request.canonical.objectValue ?? JSONObject())
    }

    /// ``outboundRoute(for:)`` with the request's canonical form already made.
    func outboundRoute(for request: CanonicalRequest, canonical: JSONObject) throws(GatewayError) -> Route {
        let operation = request.operation
        guard
            let route = routes.first(where: { route in
                route.operation == operation && route.outbound
                    && route.fixed.members.allSatisfy { CanonicalPath($0.key).value(in: canonical) == $0.value }
            })
        else {
            throw GatewayError(
                code: .notImplemented,
                message:
                    "The upstream speaks the \(name) dialect, which has no \(request.operation.rawValue) operation.")
        }
        return route
    }

    /// Whether creates go out one email per call.
    public var createsOneAtATime: Bool {
        routes.first(where: { $0.operation == .createInvitations && $0.outbound })?.single ?? false
    }

    /// Stage "render": writes a canonical operation as this dialect's request, reporting what it cannot carry.
    public func renderRequest(_ request: CanonicalRequest) throws(GatewayError) -> RenderedRequest {
        try renderRequest(request, compiled: true)
    }

    /// ``renderRequest(_:)``, with the route's compiled writer or (`compiled` false, for tests that compare the two)
    /// with the interpreter alone.
    func renderRequest(_ request: CanonicalRequest, compiled: Bool) throws(GatewayError) -> RenderedRequest {
        if compiled, case .createInvitations(let input) = request,
            let route = routes.first(where: { $0.operation == .createInvitations && $0.outbound }),
            let writer = route.requestWriter, let rendered = writer.write(input, route: route)
        {
            // The interpreter's route too: the first outbound create, whose fixed values (it has none) all match.
            return rendered
        }
        let canonical = request.canonical.objectValue ?? JSONObject()
        let route = try outboundRoute(for: request, canonical: canonical)
        var context = WriteContext()
        var parameters: [String: String] = [:]
        var missing: [FieldViolation] = []
        for member in route.pathParameters {
            if let value = member.rule.write(from: canonical, at: "path.\(member.name)", &context),
                let text = Self.text(value)
            {
                parameters[member.name] = text
            } else {
                let needed = member.rule.canonical.map { "\($0)" } ?? member.name
                if let unfit = context.losses.first(where: { $0.location == "path.\(member.name)" }) {
                    missing.append(FieldViolation(location: needed, message: unfit.message, type: "format"))
                } else {
                    missing.append(
                        FieldViolation(
                            location: needed, message: "is needed by the \(name) dialect's path and was not given",
                            type: "missing"))
                }
            }
        }
        var queryParts: [String] = []
        for member in route.queryParameters {
            guard let value = member.rule.write(from: canonical, at: "query.\(member.name)", &context),
                let text = Self.text(value)
            else {
                if member.rule.required {
                    let needed = member.rule.canonical.map { "\($0)" } ?? member.name
                    missing.append(
                        FieldViolation(
                            location: needed, message: "is needed by the \(name) dialect and was not given",
                            type: "missing"))
                }
                continue
            }
            queryParts.append("\(PercentEncoding.encode(member.name))=\(PercentEncoding.encode(text))")
        }
        var body: [UInt8] = []
        if let bodyRule = route.body {
            let value = bodyRule.write(from: canonical, at: "", &context) ?? .object(JSONObject())
            body = value.jsonBytes
            missing.append(contentsOf: Self.missingRequired(bodyRule, value, dialect: name))
        }
        guard missing.isEmpty else {
            let unfit = missing.first(where: { $0.type != "missing" })
            throw GatewayError(
                code: .validationFailed,
                message: unfit.map { "The upstream's \(name) dialect cannot take \($0.location): \($0.message)." }
                    ?? "The upstream's \(name) dialect needs \(missing.map(\.location).joined(separator: ", ")), which the request does not give.",
                fieldViolations: missing)
        }
        guard let path = route.path.render(parameters) else {
            throw GatewayError(code: .internal, message: "A path parameter could not be filled.")
        }
        var losses = context.losses
        for leaf in route.coverageTree.uncoveredLeaves(of: canonical) {
            // Outside a create, the organization only addresses the invitation; an upstream that addresses
            // it by id alone loses nothing the caller wanted kept.
            if route.operation != .createInvitations && leaf.hasPrefix("organization.") { continue }
            losses.append(
                FieldViolation(
                    location: leaf,
                    message: "has no place in the \(name) dialect's \(route.operation.rawValue) request",
                    type: "not_representable"))
        }
        return RenderedRequest(
            route: route,
            request: DialectRequest(
                method: route.method, path: path, query: queryParts.isEmpty ? nil : queryParts.joined(separator: "&"),
                body: body, contentType: route.body == nil ? nil : "application/json"),
            losses: losses)
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .double(let d): String(d)
        default: nil
        }
    }

    /// Required body members a write left out (the canonical input lacked them).
    static func missingRequired(_ rule: Rule, _ value: JSONValue, dialect: String) -> [FieldViolation] {
        guard case .object(let members) = rule.kind, case .object(let object) = value else { return [] }
        var missing: [FieldViolation] = []
        for member in members where member.rule.required && member.rule.direction != .read && object[member.name] == nil
        {
            let needed = member.rule.canonical.map { "\($0)" } ?? member.name
            missing.append(
                FieldViolation(
                    location: needed, message: "is needed by the \(dialect) dialect and was not given", type: "missing")
            )
        }
        return missing
    }

    /// Every leaf path present in a canonical object (`organization.slug`, `projectAssignments[].role`).
    static func leafPaths(_ object: JSONObject, prefix: String = "") -> [String] {
        var paths: [String] = []
        for member in object.members {
            let path = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
            switch member.value {
            case .null: continue
            case .object(let inner) where member.key != "extensions":
                paths.append(contentsOf: leafPaths(inner, prefix: path))
            case .object(let inner):
                if !inner.isEmpty { paths.append(path) }
            case .array(let elements):
                if elements.isEmpty { continue }
                if elements.allSatisfy({ $0.objectValue != nil }) {
                    var seen = Set<String>()
                    for element in elements {
                        for leaf in leafPaths(element.objectValue!, prefix: path + "[]")
                        where seen.insert(leaf).inserted {
                            paths.append(leaf)
                        }
                    }
                } else {
                    paths.append(path)
                }
            default:
                paths.append(path)
            }
        }
        return paths
    }

    /// Whether a leaf path, or an ancestor of it, is in a coverage set.
    static func covers(_ coverage: Set<String>, _ leaf: String) -> Bool {
        if coverage.contains(leaf) || coverage.contains("") { return true }
        var path = Substring(leaf)
        while let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) {
            path = path[..<cut]
            if coverage.contains(String(path)) { return true }
        }
        return false
    }
}
