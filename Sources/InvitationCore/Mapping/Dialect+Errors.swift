extension Dialect {
    /// The values an envelope rule reads: the canonical error plus the dialect's status and code, title,
    /// a message safe to show (generic for 5xx) and the request path.
    func errorView(_ error: GatewayError, instance: String?) -> JSONObject {
        let entry = errors.entry(for: error.code)
        var view = error.canonical.objectValue ?? JSONObject()
        view["status"] = .int(entry.status)
        if let code = entry.dialectCode { view["dialectCode"] = .string(code) }
        let title = HTTPReason.phrase(entry.status)
        view["title"] = .string(title)
        view["safeMessage"] = .string(entry.status >= 500 ? title : error.message)
        if let instance { view["instance"] = .string(instance) }
        return view
    }

    /// Stage "render error": writes any canonical error in this dialect's envelope, with its status and content type.
    public func renderError(_ error: GatewayError, instance: String? = nil) -> DialectResponse {
        let view = errorView(error, instance: instance)
        var context = WriteContext()
        let body = errors.body.write(from: view, at: "", &context) ?? .object(JSONObject())
        var headers: [String: String] = [:]
        if let retryAfter = error.retryAfter { headers["Retry-After"] = String(retryAfter) }
        return DialectResponse(
            status: view["status"]?.intValue ?? error.status, contentType: errors.contentType, body: body.jsonBytes,
            headers: headers)
    }

    /// Stage "parse error": reads an error answer of this dialect (any body: enveloped, empty or not JSON).
    public func parseError(status: Int, body: [UInt8]) -> GatewayError {
        var view = JSONObject()
        if let value = try? JSONParser.parse(body) {
            var context = ReadContext()
            errors.body.read(value, into: &view, at: "body", &context)
        }
        var code = errors.code(dialectCode: view["dialectCode"]?.stringValue, status: status)
        var violations: [FieldViolation] = []
        if case .array(let elements)? = view["fieldViolations"] {
            for element in elements {
                // An entry naming neither a place nor a problem (k0rdent's `details: [{}]`) says nothing.
                if let violation = try? FieldViolation(canonical: element),
                    !violation.location.isEmpty || !violation.message.isEmpty
                {
                    violations.append(violation)
                }
            }
        }
        // Where one status serves both codes (k0rdent's 400), field violations mark a validation failure.
        if code == .invalidRequest, !violations.isEmpty, errors.entry(for: .validationFailed).status == status {
            code = .validationFailed
        }
        var message =
            view["message"]?.stringValue ?? view["safeMessage"]?.stringValue
            ?? (violations.isEmpty ? nil : GatewayError.validation(violations).message)
            ?? view["title"]?.stringValue ?? HTTPReason.phrase(status)
        if status >= 500 {
            // An upstream's own 5xx text may hold internals (traces, hosts): it is not passed on.
            message = "The upstream failed: \(status) \(HTTPReason.phrase(status))."
        }
        return GatewayError(
            status: status, code: code, message: message, fieldViolations: violations,
            requestID: view["requestID"]?.stringValue)
    }
}
