/// Translates one body from one dialect to another without a network: the `translate` command's engine.
public struct OfflineTranslator: Sendable {
    /// What the body on input is.
    public enum Kind: String, Sendable, CaseIterable {
        case request, response, error
    }

    /// One translated message: where it would go and what it says.
    public struct Output: Sendable, Hashable {
        /// `POST /path?query` for a request, the status for a response or error.
        public var line: String
        public var body: [UInt8]
    }

    public let registry: DialectRegistry

    public init(registry: DialectRegistry) { self.registry = registry }

    func dialect(_ name: String) throws(GatewayError) -> Dialect {
        guard let dialect = registry.dialect(named: name) else {
            let known = registry.dialects.map(\.name).joined(separator: ", ")
            throw GatewayError(code: .invalidRequest, message: "Unknown dialect '\(name)'; known: \(known).")
        }
        return dialect
    }

    /// Translates a request from dialect `from` into dialect `to`.
    ///
    /// The request is parsed by the `from` route that `method`/`path` match (or the first for `operation`),
    /// rendered for `to` as an upstream request; a batch to a one-at-a-time dialect becomes one request per email.
    /// Canonical input the target cannot carry is an error unless `allowLoss`.
    public func translateRequest(
        from: String, to: String, operation: OperationName?, method: String?, path: String?, query: String?,
        body: [UInt8], allowLoss: Bool = false
    ) throws(GatewayError) -> [Output] {
        let source = try dialect(from)
        let target = try dialect(to)
        let route: Route
        var parameters: [String: String] = [:]
        if let path {
            switch registry.match(method: method ?? "POST", path: path) {
            case .route(let matched, let matchedRoute, let pathParameters) where matched.name == source.name:
                route = matchedRoute
                parameters = pathParameters
            default:
                throw GatewayError(code: .notFound, message: "No \(from) route for \(method ?? "POST") \(path).")
            }
        } else {
            let operation = operation ?? .createInvitations
            guard let first = source.routes(for: operation).first else {
                throw GatewayError(
                    code: .notImplemented, message: "The \(from) dialect has no \(operation.rawValue) operation.")
            }
            guard first.path.parameterNames.isEmpty else {
                throw GatewayError(
                    code: .invalidRequest,
                    message: "The \(from) route \(first.method) \(first.path) has path parameters: give --path.")
            }
            route = first
        }
        let request = try source.parseRequest(route: route, pathParameters: parameters, query: query, body: body)
        var requests = [request]
        if case .createInvitations(let input) = request, target.createsOneAtATime, input.emails.count > 1 {
            requests = input.splitByEmail().map(CanonicalRequest.createInvitations)
        }
        var outputs: [Output] = []
        for single in requests {
            let rendered = try target.renderRequest(single)
            if !rendered.losses.isEmpty && !allowLoss {
                throw GatewayError(
                    code: .validationFailed,
                    message:
                        "The \(to) dialect cannot carry: \(rendered.losses.map { "\($0.location) (\($0.message))" }.joined(separator: "; ")).",
                    fieldViolations: rendered.losses)
            }
            outputs.append(
                Output(line: "\(rendered.request.method) \(rendered.request.target)", body: rendered.request.body))
        }
        return outputs
    }

    /// Translates a successful answer to `operation` from `from` (as an upstream answered it) to `to` (as its caller expects).
    public func translateResponse(
        from: String, to: String, operation: OperationName, status: Int?, body: [UInt8]
    ) throws(GatewayError) -> Output {
        let source = try dialect(from)
        let target = try dialect(to)
        guard
            let sourceRoute = source.routes(for: operation).first(where: \.outbound)
                ?? source.routes(for: operation).first
        else {
            throw GatewayError(
                code: .notImplemented, message: "The \(from) dialect has no \(operation.rawValue) operation.")
        }
        guard let targetRoute = target.routes(for: operation).first else {
            throw GatewayError(
                code: .notImplemented, message: "The \(to) dialect has no \(operation.rawValue) operation.")
        }
        let placeholder: CanonicalRequest
        switch operation {
        case .createInvitations:
            placeholder = .createInvitations(CreateInvitationsInput(organization: Organization(), emails: []))
        case .getInvitation: placeholder = .getInvitation(GetInvitationInput(invitationID: ""))
        case .listInvitations: placeholder = .listInvitations(ListInvitationsInput(organization: Organization()))
        case .listMyInvitations: placeholder = .listMyInvitations(ListMyInvitationsInput())
        case .respondToInvitation:
            placeholder = .respondToInvitation(
                RespondToInvitationInput(invitationID: "", accept: sourceRoute.fixed["accept"]?.boolValue ?? true))
        case .revokeInvitation: placeholder = .revokeInvitation(RevokeInvitationInput(invitationID: ""))
        }
        let response = try source.parseResponse(
            route: sourceRoute, status: status ?? sourceRoute.successStatus, body: body, request: placeholder)
        let rendered = target.renderResponse(response, route: targetRoute)
        return Output(line: "\(rendered.status)", body: rendered.body)
    }

    /// Translates an error answer of `from` into `to`'s envelope and status.
    public func translateError(from: String, to: String, status: Int, body: [UInt8]) throws(GatewayError) -> Output {
        let error = try dialect(from).parseError(status: status, body: body)
        let rendered = try dialect(to).renderError(error)
        return Output(line: "\(rendered.status) \(rendered.contentType ?? "")", body: rendered.body)
    }
}
