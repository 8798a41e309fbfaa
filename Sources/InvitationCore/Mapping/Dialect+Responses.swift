extension Dialect {
    /// Stage "parse answer": reads an upstream's answer to `route` into a canonical result, or throws its error.
    ///
    /// `request` is the canonical operation that was sent (a single create names its email from it).
    public func parseResponse(
        route: Route, status: Int, body: [UInt8], request: CanonicalRequest
    ) throws(GatewayError) -> CanonicalResponse {
        guard (200...299).contains(status) else { throw parseError(status: status, body: body) }
        var canonical = JSONObject()
        if let rule = route.responseBody {
            let isBlank = body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            let value: JSONValue?
            if isBlank {
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
            let email: String
            if case .createInvitations(let input) = request { email = input.emails.first ?? "" } else { email = "" }
            var item = JSONObject()
            item["email"] = canonical["email"] ?? .string(email)
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
