import InvitationCore
import Testing

/// Every canonical error code in every dialect's envelope, written and read back.
@Suite struct ErrorEnvelopeTests {
    /// The HTTP status each dialect uses per code (DIALECTS.md; k0rdent answers validation with 400).
    static func expectedStatus(_ code: GatewayErrorCode, in dialect: String) -> Int {
        let statuses: [String: Int] = [
            "invalid_request": 400, "unauthenticated": 401, "payment_required": 402, "permission_denied": 403,
            "not_found": 404, "already_exists": 409, "validation_failed": 422, "upgrade_required": 426,
            "rate_limited": 429, "internal": 500, "not_implemented": 501, "bad_gateway": 502, "unavailable": 503,
            "gateway_timeout": 504,
        ]
        if dialect == "k0rdent", code == .validationFailed { return 400 }
        return statuses[code.rawValue]!
    }

    /// inkeep's code words (seed and known; 426, 501 and 504 have none of their own).
    static let inkeepWords: [String: String] = [
        "invalid_request": "bad_request", "unauthenticated": "unauthorized", "payment_required": "payment_required",
        "permission_denied": "forbidden", "not_found": "not_found", "already_exists": "conflict",
        "validation_failed": "unprocessable_entity", "upgrade_required": "bad_request",
        "rate_limited": "too_many_requests",
        "internal": "internal_server_error", "not_implemented": "internal_server_error", "bad_gateway": "bad_gateway",
        "unavailable": "service_unavailable", "gateway_timeout": "service_unavailable",
    ]

    /// A canonical error of `code` with a field violation, a request id and, when rate limited, a retry delay.
    static func sample(_ code: GatewayErrorCode) -> GatewayError {
        GatewayError(
            code: code, message: "Invitation inv_8x2k4m could not be handled for ada@example.com",
            fieldViolations: code == .validationFailed
                ? [FieldViolation(location: "body.emails[1]", message: "is not a valid email address", type: "format")]
                : [],
            requestID: "req_42", retryAfter: code == .rateLimited ? 30 : nil)
    }

    @Test(arguments: Mappings.names, GatewayErrorCode.allCases)
    func rendersWithTheDialectsStatusAndReadsBack(dialect name: String, code: GatewayErrorCode) throws {
        let dialect = Mappings.dialect(name)
        let error = Self.sample(code)
        let rendered = dialect.renderError(error)
        #expect(rendered.status == Self.expectedStatus(code, in: name))
        #expect(rendered.contentType == (name == "inkeep" ? "application/problem+json" : "application/json"))
        #expect(rendered.headers["Retry-After"] == (code == .rateLimited ? "30" : nil))
        let back = dialect.parseError(status: rendered.status, body: rendered.body)
        #expect(back.status == rendered.status)
        let ambiguous = name == "inkeep" && [.upgradeRequired, .notImplemented, .gatewayTimeout].contains(code)
        if !ambiguous { #expect(back.code == code) }
        if name == "inkeep" {
            // problem+json here has no violation list: the location is told in the message.
            #expect(back.fieldViolations.isEmpty)
        } else {
            #expect(back.fieldViolations == error.fieldViolations)
        }
        if name == "zenml", code == .validationFailed {
            // FastAPI's 422 list form has no message of its own: the violations are summed up.
            #expect(back.message == "body.emails[1]: is not a valid email address")
        } else if rendered.status < 500 {
            #expect(back.message == error.message)
        }
    }

    @Test(arguments: GatewayErrorCode.allCases)
    func inkeepIsProblemJSONWithShortMessagesAndGenericServerDetail(code: GatewayErrorCode) throws {
        var error = Self.sample(code)
        error.message = String(repeating: "The invitation could not be processed. ", count: 5)
        let body = try JSONParser.parse(
            Mappings.dialect("inkeep").renderError(error, instance: "/manage/api/invitations").body)
        let status = Self.expectedStatus(code, in: "inkeep")
        #expect(body["status"] == .int(status))
        #expect(body["code"]?.stringValue == Self.inkeepWords[code.rawValue])
        #expect(body["error"]?["code"]?.stringValue == Self.inkeepWords[code.rawValue])
        #expect(body["instance"] == "/manage/api/invitations")
        #expect(body["requestId"] == "req_42")
        #expect(body["title"]?.stringValue == HTTPReason.phrase(status))
        let message = try #require(body["error"]?["message"]?.stringValue)
        #expect(message.count == 100 && error.message.hasPrefix(message))
        if status >= 500 {
            #expect(body["detail"]?.stringValue == HTTPReason.phrase(status))
        } else {
            #expect(body["detail"]?.stringValue == error.message)
        }
    }

    @Test func zenmlWritesValidationAsFastAPIsListForm() throws {
        let zenml = Mappings.dialect("zenml")
        let body = try JSONParser.parse(zenml.renderError(Self.sample(.validationFailed)).body)
        #expect(
            body == [
                "detail": [["loc": ["body", "emails", 1], "msg": "is not a valid email address", "type": "format"]]
            ])
        let plain = try JSONParser.parse(zenml.renderError(Self.sample(.notFound)).body)
        #expect(plain == ["detail": "Invitation inv_8x2k4m could not be handled for ada@example.com"])
    }

    @Test func dreadnodeWritesLocArraysAndItsTypeWord() throws {
        let body = try JSONParser.parse(Mappings.dialect("dreadnode").renderError(Self.sample(.validationFailed)).body)
        #expect(body["code"] == 422)
        #expect(body["type"] == "validation_error")
        #expect(
            body["errors"] == [
                ["loc": ["body", "emails", 1], "msg": "is not a valid email address", "type": "format"]
            ])
    }

    @Test func k0rdentWritesDetailsAndTheStatusAsItsCode() throws {
        let k0rdent = Mappings.dialect("k0rdent")
        let body = try JSONParser.parse(k0rdent.renderError(Self.sample(.validationFailed)).body)
        #expect(body["error"]?["code"] == 400)
        #expect(
            body["error"]?["details"] == [
                ["field": "body.emails[1]", "description": "is not a valid email address", "reason": "format"]
            ])
        let plain = try JSONParser.parse(k0rdent.renderError(Self.sample(.notFound)).body)
        #expect(plain["error"]?["details"] == [])
    }

    /// Bodies that are empty, not JSON or not the dialect's envelope: the status decides.
    @Test(
        arguments: Mappings.names,
        [
            (400, "invalid_request"), (401, "unauthenticated"), (403, "permission_denied"), (404, "not_found"),
            (409, "already_exists"), (429, "rate_limited"), (500, "internal"), (502, "bad_gateway"),
            (503, "unavailable"), (504, "gateway_timeout"),
        ])
    func readsBodiesWithoutAnEnvelopeByStatus(dialect name: String, expected: (status: Int, code: String)) {
        let dialect = Mappings.dialect(name)
        for body in ["", "<html><body>\(expected.status) error</body></html>", "[1, 2", "\"just text\""] {
            let error = dialect.parseError(status: expected.status, body: Array(body.utf8))
            #expect(error.status == expected.status)
            #expect(error.code.rawValue == expected.code, "\(name) \(expected.status) \(body)")
            #expect(!error.message.isEmpty)
        }
    }

    /// An upstream's own 5xx text (hosts, traces) never reaches a caller, in any dialect.
    @Test(arguments: Mappings.names, [500, 502, 503, 504])
    func neverPassesOnAnUpstreamServerMessage(upstream name: String, status: Int) throws {
        let secret = "psycopg2.OperationalError at db-7.internal:5432 (trace 0xdeadbeef)"
        let upstreamBody = Mappings.dialect(name).renderError(
            GatewayError(status: status, code: .forStatus(status), message: secret)
        ).body
        #expect(String(decoding: upstreamBody, as: UTF8.self).contains("db-7") || name == "inkeep")
        let read = Mappings.dialect(name).parseError(status: status, body: upstreamBody)
        #expect(!read.message.contains("db-7"))
        for caller in Mappings.registry.dialects {
            let shown = String(decoding: caller.renderError(read).body, as: UTF8.self)
            #expect(!shown.contains("db-7"), "\(name) → \(caller.name): \(shown)")
        }
    }
}
