extension Dialect {
    /// Stage "parse answer": reads an upstream's answer to `route` into a canonical result, or throws its error.
    ///
    /// `request` is the canonical operation that was sent (a single create names its email from it).
    public func parseResponse(
        route: Route, status: Int, body: [UInt8], request: CanonicalRequest
    ) throws(GatewayError) -> CanonicalResponse {
        try parseResponse(route: route, status: status, body: body, request: request, compiled: true)
    }

    /// ``parseResponse(route:status:body:request:)``, with the route's compiled reader or (`compiled` false, for
    /// tests that compare the two) with the interpreter alone.
    func parseResponse(
        route: Route, status: Int, body: [UInt8], request: CanonicalRequest, compiled: Bool
    ) throws(GatewayError) -> CanonicalResponse {
        guard (200...299).contains(status) else { throw parseError(status: status, body: body) }
        var canonical = JSONObject()
        if let rule = route.responseBody {
            if compiled, let reader = route.invitationReader {
                var invitation = Invitation()
                if reader.read(json: body, into: &invitation) {
                    // The compiled read of a plain answer: what the interpreter and the typed model would give.
                    let email = invitation.email ?? request.createdEmail
                    return .createInvitations(
                        CreateInvitationsOutput(results: [.success(consume invitation, email: email)]))
                }
            }
            let value: JSONValue?
            if JSONParser.isBlank(body) {
                value = nil
            } else {
                do { value = try JSONParser.parse(body) } catch {
                    throw GatewayError(
                        code: .badGateway, message: "The upstream answered with a body that is not valid JSON.")
                }
            }
            var context = ReadContext()
            if let value {
                rule.read(value, into: &canonical, at: "body", &context)
            } else if case .object = rule.kind {
                throw GatewayError(code: .badGateway, message: "The upstream answered \(status) with an empty body.")
            }
            if !context.violations.isEmpty {
                let first = context.violations[0]
                throw GatewayError(
                    code: .badGateway,
                    message:
                        "The upstream's answer does not fit the \(name) dialect (\(first.location) \(first.message)).")
            }
        }
        if route.operation == .createInvitations && route.single {
            var item = JSONObject()
            item["email"] = canonical["email"] ?? .string(request.createdEmail)
            item["outcome"] = "success"
            item["invitation"] = .object(canonical)
            canonical = ["results": .array([.object(item)])]
        }
        if route.operation == .respondToInvitation, canonical["accepted"] == nil,
            case .respondToInvitation(let input) = request
        {
            canonical["accepted"] = .bool(input.accept)
        }
        do {
            return try CanonicalResponse(operation: route.operation, canonical: .object(canonical))
        } catch {
            throw GatewayError(
                code: .badGateway, message: "The upstream's answer does not fit the canonical model (\(error.message))."
            )
        }
    }

    /// Stage "render answer": writes a canonical result as this dialect's answer to `route`.
    public func renderResponse(_ response: CanonicalResponse, route: Route, instance: String? = nil) -> DialectResponse
    {
        renderResponse(response, route: route, instance: instance, compiled: true)
    }

    /// ``renderResponse(_:route:instance:)``, with the route's compiled writer or (`compiled` false, for tests that
    /// compare the two) with the interpreter alone.
    func renderResponse(_ response: CanonicalResponse, route: Route, instance: String?, compiled: Bool)
        -> DialectResponse
    {
        if compiled, case .createInvitations(let output) = response, let writer = route.answerWriter,
            let body = writer.write(output)
        {
            return DialectResponse(status: route.successStatus, contentType: contentType, body: body)
        }
        // Each case builds only what is written: a create's output is not made canonical whole and then replaced.
        let canonical: JSONObject
        switch response {
        case .createInvitations(let output) where route.single && route.operation == .createInvitations:
            guard let item = output.results.first else {
                return renderError(
                    GatewayError(code: .internal, message: "The create produced no result."), instance: instance)
            }
            if let error = item.error, item.outcome == .error { return renderError(error, instance: instance) }
            var invitation = item.invitation?.canonical.objectValue ?? JSONObject()
            // The item names its email even when the upstream's invitation did not.
            if invitation["email"] == nil, !item.email.isEmpty { invitation["email"] = .string(item.email) }
            canonical = invitation
        case .createInvitations(let output) where !route.single:
            // Item errors are shown in the envelope's words: the error view, as for whole-request errors.
            let results = output.results.map { item -> JSONValue in
                guard let error = item.error else { return item.canonical }
                var object = item.canonical.objectValue ?? JSONObject()
                object["error"] = .object(errorView(error, instance: instance))
                return .object(object)
            }
            canonical = ["results": .array(results)]
        default:
            canonical = response.canonical.objectValue ?? JSONObject()
        }
        var body: [UInt8] = []
        if let rule = route.responseBody {
            var context = WriteContext()
            if let value = rule.write(from: canonical, at: "", &context) { body = value.jsonBytes }
        }
        return DialectResponse(status: route.successStatus, contentType: body.isEmpty ? nil : contentType, body: body)
    }
}

extension CanonicalRequest {
    /// For a create, its first email (the one a one-email create sends), else empty.
    fileprivate var createdEmail: String { createdEmails?.first ?? "" }
}
