import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// Errors from the transport and from the upstream reach every caller dialect in its own envelope.
@Suite struct UpstreamErrorTests {
    /// The create request of each caller dialect (each has one), sent to a k0rdent upstream.
    static let callers = ["inkeep", "dreadnode", "k0rdent"]

    /// The status and code word each caller dialect uses for a canonical code.
    static func expectedStatus(_ caller: String, _ code: GatewayErrorCode) throws -> Int {
        try #require(try GatewayHarness.registry().dialect(named: caller)).errors.entry(for: code).status
    }

    static func check(_ answer: CallerAnswer, caller: String, code: GatewayErrorCode, message: String? = nil) throws {
        let dialect = try #require(try GatewayHarness.registry().dialect(named: caller))
        let entry = dialect.errors.entry(for: code)
        #expect(answer.status == entry.status, "\(answer.body)")
        #expect(answer.header("Content-Type") == dialect.errors.contentType)
        #expect(answer.header("X-Request-Id") != nil)
        let body = try #require(answer.json)
        switch caller {
        case "inkeep":
            #expect(body["code"]?.stringValue == entry.dialectCode)
            #expect(body["status"]?.intValue == entry.status)
            #expect(body["requestId"]?.stringValue == answer.header("X-Request-Id"))
            if let message { #expect(body["error"]?["message"]?.stringValue == String(message.prefix(100))) }
        case "dreadnode":
            #expect(body["code"]?.intValue == entry.status)
            #expect(body["type"]?.stringValue == entry.dialectCode)
            if let message { #expect(body["detail"]?.stringValue == message) }
        case "k0rdent":
            #expect(body["error"]?["code"]?.intValue == entry.status)
            if let message { #expect(body["error"]?["message"]?.stringValue == message) }
        default:
            Issue.record("no check for \(caller)")
        }
        // No internals: no upstream address, no type names.
        #expect(!answer.body.contains("127.0.0.1"))
        #expect(!answer.body.contains("HTTPClientError"))
    }

    @Test(arguments: callers)
    func refusedConnectionIs502(caller: String) async throws {
        let port = try await ClosedPort.make()
        let runtime = try GatewayHarness.runtime(
            GatewayHarness.configuration(dialect: "k0rdent", url: "http://127.0.0.1:\(port)"))
        let answer = try await GatewayHarness.test(runtime, .live) {
            try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
        }
        try Self.checkItemOrWhole(answer, caller: caller, code: .badGateway, status: 502)
    }

    @Test(arguments: callers)
    func hangPastTimeoutIs504(caller: String) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(.hang(.seconds(10)))
            let answer = try await withGateway(upstream: "k0rdent", stub: stub, timeoutSeconds: 0.3) {
                try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
            }
            try Self.checkItemOrWhole(answer, caller: caller, code: .gatewayTimeout, status: 504)
        }
    }

    @Test(arguments: callers)
    func nonJSONAnswerIs502(caller: String) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(.answer(201, body: "<html>oops</html>", headers: ["Content-Type": "text/html"]))
            let answer = try await withGateway(upstream: "k0rdent", stub: stub) {
                try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
            }
            try Self.checkItemOrWhole(answer, caller: caller, code: .badGateway, status: 502)
        }
    }

    @Test(arguments: callers, ["Retry-After", "X-Retry-After"])
    func rateLimitKeepsRetryAfter(caller: String, header: String) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(
                .json(
                    #"{"error":{"code":429,"message":"Too many invitations","details":[]}}"#, status: 429,
                    headers: [header: "42"]))
            let answer = try await withGateway(upstream: "k0rdent", stub: stub) {
                try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
            }
            if caller == "inkeep" {
                // A batch create reports per-item errors; the item carries the message, the whole answer is 200.
                #expect(answer.status == 200)
                #expect(
                    json(answer.body)
                        == json(
                            #"{"data":[{"email":"new@example.com","status":"error","error":"Too many invitations"}]}"#))
            } else {
                try Self.check(answer, caller: caller, code: .rateLimited, message: "Too many invitations")
                #expect(answer.header("Retry-After") == "42")
            }
        }
    }

    /// Each documented error status of a k0rdent upstream (its envelope), to each caller dialect.
    @Test(
        arguments: callers,
        [
            (400, GatewayErrorCode.invalidRequest), (401, .unauthenticated), (402, .paymentRequired),
            (403, .permissionDenied),
            (404, .notFound), (409, .alreadyExists), (426, .upgradeRequired), (429, .rateLimited), (500, .internal),
            (501, .notImplemented), (502, .badGateway), (503, .unavailable), (504, .gatewayTimeout),
        ])
    func k0rdentErrorStatuses(caller: String, status: (Int, GatewayErrorCode)) async throws {
        guard caller != "k0rdent" else { return }
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(
                .json(
                    #"{"error":{"code":\#(status.0),"message":"upstream says \#(status.0)","details":[]}}"#,
                    status: status.0))
            let answer = try await withGateway(upstream: "k0rdent", stub: stub) {
                try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
            }
            try Self.checkItemOrWhole(answer, caller: caller, code: status.1, status: status.0)
        }
    }

    /// Each documented error of a dreadnode upstream (status and type word), to each other caller dialect.
    @Test(
        arguments: ["inkeep", "k0rdent"],
        [
            (400, "invalid_request_error", GatewayErrorCode.invalidRequest),
            (401, "authentication_error", .unauthenticated),
            (403, "permission_error", .permissionDenied), (404, "not_found_error", .notFound),
            (409, "conflict_error", .alreadyExists),
            (422, "validation_error", .validationFailed), (426, "upgrade_required_error", .upgradeRequired),
            (429, "rate_limit_error", .rateLimited), (500, "internal_error", .internal),
            (502, "bad_gateway_error", .badGateway),
            (504, "gateway_timeout_error", .gatewayTimeout),
        ])
    func dreadnodeErrorStatuses(caller: String, error: (Int, String, GatewayErrorCode)) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(
                .json(
                    #"{"code":\#(error.0),"detail":"upstream says \#(error.0)","type":"\#(error.1)"}"#, status: error.0)
            )
            let answer = try await withGateway(upstream: "dreadnode", stub: stub) {
                try await $0.send(DialectSamples.caller(caller, .createInvitations)!)
            }
            try Self.checkItemOrWhole(answer, caller: caller, code: error.2, status: error.0)
        }
    }

    /// Each documented error of an inkeep upstream (problem+json and better-auth's own codes), to a zenml caller.
    @Test(arguments: [
        (400, "bad_request", GatewayErrorCode.invalidRequest), (401, "unauthorized", .unauthenticated),
        (402, "payment_required", .paymentRequired), (403, "forbidden", .permissionDenied),
        (404, "not_found", .notFound),
        (409, "conflict", .alreadyExists), (422, "unprocessable_entity", .validationFailed),
        (429, "too_many_requests", .rateLimited), (500, "internal_server_error", .internal),
        (502, "bad_gateway", .badGateway),
        (503, "service_unavailable", .unavailable), (400, "INVITATION_NOT_FOUND", .notFound),
        (403, "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION", .permissionDenied),
    ])
    func inkeepErrorStatusesToZenml(error: (Int, String, GatewayErrorCode)) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(.json(#"{"code":"\#(error.1)","message":"upstream says \#(error.0)"}"#, status: error.0))
            let answer = try await withGateway(upstream: "inkeep", stub: stub) {
                try await $0.send(DialectSamples.caller("zenml", .getInvitation)!)
            }
            let zenml = try #require(try GatewayHarness.registry().dialect(named: "zenml"))
            #expect(answer.status == zenml.errors.entry(for: error.2).status, "\(answer.body)")
            #expect(answer.json?["detail"] != nil)
        }
    }

    /// Whole-request errors for single-create callers; per-item errors (200) for inkeep's batch.
    static func checkItemOrWhole(_ answer: CallerAnswer, caller: String, code: GatewayErrorCode, status: Int) throws {
        if caller == "inkeep" {
            #expect(answer.status == 200)
            let item = try #require(answer.json?["data"]?.arrayValue?.first)
            #expect(item["status"] == "error")
            let inkeepStatus = try expectedStatus("inkeep", code)
            #expect(
                item["error"]?.stringValue
                    == (status >= 500 ? HTTPReasonText.phrase(inkeepStatus) : "upstream says \(status)"))
        } else {
            try check(answer, caller: caller, code: code, message: status >= 500 ? nil : "upstream says \(status)")
            #expect(!answer.body.contains("upstream says 5"), "an upstream's 5xx text is not passed on")
        }
    }
}

enum HTTPReasonText {
    static func phrase(_ status: Int) -> String { HTTPReason.phrase(status) }
}
