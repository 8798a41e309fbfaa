import InvitationCore
import Testing

/// A request a dialect must refuse, and how: status, canonical code and the field location named.
struct BadInput: Sendable, CustomTestStringConvertible {
    let dialect: String
    let label: String
    let method: String
    let path: String
    var query: String? = nil
    var body: String = ""
    /// nil for a refusal that names no field (malformed JSON).
    var location: String? = nil
    var code: GatewayErrorCode = .validationFailed

    var testDescription: String { "\(dialect): \(label)" }

    /// An inkeep batch create with `body`.
    static func inkeep(
        _ label: String, _ body: String, at location: String?, code: GatewayErrorCode = .validationFailed
    ) -> BadInput {
        BadInput(
            dialect: "inkeep", label: label, method: "POST", path: "/manage/api/invitations", body: body,
            location: location, code: code)
    }

    /// A dreadnode create with `body`.
    static func dreadnode(
        _ label: String, _ body: String, at location: String?, code: GatewayErrorCode = .validationFailed
    ) -> BadInput {
        BadInput(
            dialect: "dreadnode", label: label, method: "POST", path: "/api/v1/org/acme/invitations", body: body,
            location: location, code: code)
    }

    /// A k0rdent create with `body`.
    static func k0rdent(
        _ label: String, _ body: String, at location: String?, code: GatewayErrorCode = .validationFailed
    ) -> BadInput {
        BadInput(
            dialect: "k0rdent", label: label, method: "POST",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", body: body, location: location, code: code)
    }

    /// A zenml respond with a path id and query.
    static func zenml(_ label: String, id: String, query: String?, at location: String) -> BadInput {
        BadInput(
            dialect: "zenml", label: label, method: "POST", path: "/invitations/\(id)", query: query, location: location
        )
    }

    static func emails(_ count: Int) -> String {
        "[" + (0..<count).map { "\"user\($0)@example.com\"" }.joined(separator: ",") + "]"
    }
}

@Suite struct BadInputTests {
    static let uuid = "123e4567-e89b-12d3-a456-426614174000"

    static let cases: [BadInput] = [
        .inkeep("malformed JSON", #"{"emails": ["#, at: nil, code: .invalidRequest),
        .inkeep(
            "lone surrogate escape", #"{"emails": ["\ud800@example.com"], "organizationId": "acme", "role": "owner"}"#,
            at: nil, code: .invalidRequest),
        .inkeep(
            "emails is a string", #"{"emails": "ada@example.com", "organizationId": "acme", "role": "owner"}"#,
            at: "body.emails"),
        .inkeep(
            "organizationId is a number", #"{"emails": ["ada@example.com"], "organizationId": 7, "role": "owner"}"#,
            at: "body.organizationId"),
        .inkeep(
            "organizationId missing", #"{"emails": ["ada@example.com"], "role": "owner"}"#, at: "body.organizationId"),
        .inkeep(
            "unknown field",
            #"{"emails": ["ada@example.com"], "organizationId": "acme", "role": "owner", "colour": "red"}"#,
            at: "body.colour"),
        .inkeep("0 emails", #"{"emails": [], "organizationId": "acme", "role": "owner"}"#, at: "body.emails"),
        .inkeep(
            "51 emails", #"{"emails": \#(BadInput.emails(51)), "organizationId": "acme", "role": "owner"}"#,
            at: "body.emails"),
        .inkeep(
            "a huge body (20000 emails)",
            #"{"emails": \#(BadInput.emails(20000)), "organizationId": "acme", "role": "owner"}"#, at: "body.emails"),
        .inkeep(
            "invalid email",
            #"{"emails": ["ada@example.com", "not-an-email"], "organizationId": "acme", "role": "owner"}"#,
            at: "body.emails[1]"),
        .inkeep(
            "NUL escape in an email",
            #"{"emails": ["ada\u0000@example.com"], "organizationId": "acme", "role": "owner"}"#, at: "body.emails[0]"),
        .inkeep(
            "role outside the vocabulary",
            #"{"emails": ["ada@example.com"], "organizationId": "acme", "role": "superuser"}"#, at: "body.role"),
        .inkeep("body is an array", #"[]"#, at: "body"),
        BadInput(
            dialect: "inkeep", label: "accept without a body", method: "POST",
            path: "/api/auth/organization/accept-invitation", location: "body"),
        BadInput(
            dialect: "inkeep", label: "invitationId is a number", method: "POST",
            path: "/api/auth/organization/accept-invitation", body: #"{"invitationId": 42}"#,
            location: "body.invitationId"),
        BadInput(
            dialect: "inkeep", label: "verify without email", method: "GET", path: "/manage/api/invitations/verify",
            query: "id=inv_1", location: "query.email"),
        BadInput(
            dialect: "inkeep", label: "id given twice", method: "GET", path: "/api/auth/organization/get-invitation",
            query: "id=a&id=b", location: "query.id"),
        .dreadnode("malformed JSON", #"{"email": "ada@example.com",}"#, at: nil, code: .invalidRequest),
        .dreadnode(
            "send_email is a string", #"{"email": "ada@example.com", "role": "admin", "send_email": "yes"}"#,
            at: "body.send_email"),
        .dreadnode("email missing", #"{"role": "admin"}"#, at: "body.email"),
        .dreadnode("unknown field", #"{"email": "ada@example.com", "role": "admin", "team": "red"}"#, at: "body.team"),
        .dreadnode("invalid email", #"{"email": "ada@@example", "role": "admin"}"#, at: "body.email"),
        .dreadnode("emoji role", #"{"email": "ada@example.com", "role": "👑"}"#, at: "body.role"),
        .dreadnode("null email", #"{"email": null, "role": "admin"}"#, at: "body.email"),
        .zenml("non-uuid id", id: "inv_8x2k4m", query: "accept=true", at: "path.invitation_id"),
        .zenml("accept=maybe", id: uuid, query: "accept=maybe", at: "query.accept"),
        .zenml("accept missing", id: uuid, query: nil, at: "query.accept"),
        BadInput(
            dialect: "zenml", label: "get with a short id", method: "GET", path: "/invitations/123",
            location: "path.invitation_id"),
        .k0rdent("no roles or groups (the seed's example)", #"{"email": "user@example.com"}"#, at: "body"),
        .k0rdent(
            "a 501-character message",
            #"{"email": "ada@example.com", "roles": ["admin"], "message": "\#(String(repeating: "é", count: 501))"}"#,
            at: "body.message"),
        .k0rdent("roles is a string", #"{"email": "ada@example.com", "roles": "admin"}"#, at: "body.roles"),
        .k0rdent("unknown field", #"{"email": "ada@example.com", "roles": ["admin"], "ttl": 3}"#, at: "body.ttl"),
        .k0rdent("invalid email", #"{"email": "ada example.com", "roles": ["admin"]}"#, at: "body.email"),
        .k0rdent("malformed JSON", "\u{FEFF}{}", at: nil, code: .invalidRequest),
        BadInput(
            dialect: "k0rdent", label: "pageSize=0", method: "GET",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", query: "pageSize=0",
            location: "query.pageSize"),
        BadInput(
            dialect: "k0rdent", label: "pageSize=501", method: "GET",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", query: "pageSize=501",
            location: "query.pageSize"),
        BadInput(
            dialect: "k0rdent", label: "pageSize=ten", method: "GET",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", query: "pageSize=ten",
            location: "query.pageSize"),
        BadInput(
            dialect: "k0rdent", label: "status=revoked (no such state)", method: "GET",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", query: "status=revoked",
            location: "query.status"),
        BadInput(
            dialect: "k0rdent", label: "revoke without invitationId", method: "DELETE",
            path: "/v1/regions/global/organizations/org-s1t2u3/invitations", location: "query.invitationId"),
    ]

    @Test(arguments: cases)
    func refusedInTheDialectsEnvelope(_ input: BadInput) throws {
        guard
            case .route(let dialect, let route, let parameters) = Mappings.registry.match(
                method: input.method, path: input.path)
        else {
            Issue.record("\(input.method) \(input.path) does not route")
            return
        }
        #expect(dialect.name == input.dialect)
        let error = try #require(throws: GatewayError.self) {
            try dialect.parseRequest(
                route: route, pathParameters: parameters, query: input.query, body: Array(input.body.utf8))
        }
        #expect(error.code == input.code, "\(error)")
        let rendered = dialect.renderError(error)
        let expectedStatus = input.code == .invalidRequest ? 400 : (input.dialect == "k0rdent" ? 400 : 422)
        #expect(rendered.status == expectedStatus)
        let envelope = try JSONParser.parse(rendered.body)
        let shown = dialect.parseError(status: rendered.status, body: rendered.body)
        #expect(shown.code == input.code || (input.dialect == "k0rdent" && input.location == nil))
        guard let location = input.location else { return }
        if input.dialect == "inkeep" {
            #expect(envelope["detail"]?.stringValue?.contains(location) == true, "\(envelope.jsonText)")
        } else {
            #expect(shown.fieldViolations.map(\.location).contains(location), "\(envelope.jsonText)")
        }
    }

    /// Odd but valid Unicode passes through unchanged.
    @Test func keepsEmojiAndAstralCharactersInAMessage() throws {
        let message = "Welcome 👋🏽 to the team — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{200D}"
        let body =
            #"{"email": "ada@example.com", "roles": ["admin"], "message": \#(JSONValue.string(message).jsonText)}"#
        let k0rdent = Mappings.dialect("k0rdent")
        guard
            case .route(_, let route, let parameters) = Mappings.registry.match(
                method: "POST", path: "/v1/regions/global/organizations/o/invitations")
        else {
            Issue.record("no route")
            return
        }
        let request = try k0rdent.parseRequest(
            route: route, pathParameters: parameters, query: nil, body: Array(body.utf8))
        guard case .createInvitations(let input) = request else { throw FixtureError("not a create") }
        #expect(input.message == message)
    }
}
