import Foundation
import InvitationCore
import Testing

/// A fifth dialect that exists only as a mapping file under the fixtures (`Fixtures/dialects/orbit.yaml`):
/// loaded with the compiler and translated to and from the other four with no Swift code of its own.
@Suite struct FifthDialectTests {
    static let orbit: Dialect = {
        let url = FixtureCase.bundleRoot.appendingPathComponent("dialects/orbit.yaml")
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try MappingCompiler(file: url.path, text: text).compile()
        } catch { fatalError("orbit.yaml: \(error)") }
    }()

    /// The repository's dialects and orbit, in one route table.
    static let registry: DialectRegistry = {
        do { return try DialectRegistry(dialects: Mappings.registry.dialects + [orbit]) } catch {
            fatalError("\(error)")
        }
    }()

    /// An orbit request: parsed through the shared route table.
    static func parse(_ method: String, _ path: String, query: String? = nil, body: String = "") throws
        -> CanonicalRequest
    {
        guard case .route(let dialect, let route, let parameters) = registry.match(method: method, path: path) else {
            throw FixtureError("\(method) \(path) does not route")
        }
        #expect(dialect.name == "orbit")
        return try dialect.parseRequest(route: route, pathParameters: parameters, query: query, body: Array(body.utf8))
    }

    static let createBody =
        #"{"invitee": {"address": "ada@example.com"}, "access": {"level": "editor", "teams": ["platform"]}, "note": "Hi"}"#

    @Test func readsANestedInviteeAndItsOwnRoleWords() throws {
        let request = try Self.parse("POST", "/orbit/orgs/acme/invitations", body: Self.createBody)
        #expect(
            request.canonical == [
                "organization": ["slug": "acme"], "emails": ["ada@example.com"], "roles": ["admin"],
                "groups": ["platform"], "message": "Hi",
            ])
        let rendered = try Self.orbit.renderRequest(request)
        #expect(rendered.request.path == "/orbit/orgs/acme/invitations")
        #expect(try JSONParser.parse(rendered.request.body) == JSONParser.parse(Self.createBody))
        #expect(rendered.losses.isEmpty)
    }

    @Test func takesTheInvitationIDFromTheQueryString() throws {
        let request = try Self.parse("POST", "/orbit/invitation/withdraw", query: "ref=inv_8x2k4m&org=acme")
        #expect(
            request
                == .revokeInvitation(
                    RevokeInvitationInput(invitationID: "inv_8x2k4m", organization: Organization(slug: "acme"))))
        let k0rdent = try Mappings.dialect("k0rdent").renderRequest(request)
        #expect(k0rdent.request.target == "/v1/regions/global/organizations/acme/invitations?invitationId=inv_8x2k4m")
        let back = try Self.orbit.renderRequest(request)
        #expect(back.request.target == "/orbit/invitation/withdraw?ref=inv_8x2k4m&org=acme")
    }

    @Test func refusesBadInputInItsOwnEnvelope() throws {
        let error = try #require(throws: GatewayError.self) {
            try Self.parse(
                "POST", "/orbit/orgs/acme/invitations",
                body: #"{"invitee": {"address": "nope"}, "access": {"level": "owner"}}"#)
        }
        let rendered = Self.orbit.renderError(error)
        #expect(rendered.status == 422)
        #expect(rendered.contentType == "application/vnd.orbit.fault+json")
        let fault = try #require(try JSONParser.parse(rendered.body)["fault"])
        #expect(fault["kind"] == "rejected-input")
        let places = fault["problems"]?.arrayValue?.compactMap { $0["where"]?.stringValue }
        #expect(places == ["body.invitee.address", "body.access.level"])
    }

    /// Every request fixture of the four dialects, sent to an orbit upstream and read back by orbit.
    @Test(arguments: FixtureCase.cases(.request).filter { !$0.expectsRejection })
    func carriesTheOtherDialectsRequests(_ fixture: FixtureCase) throws {
        let request = try Pipeline(registry: Mappings.registry).parseRequest(fixture).get()
        let rendered: RenderedRequest
        do {
            rendered = try Self.orbit.renderRequest(request)
        } catch {
            let lacks = !Self.orbit.outboundOperations.contains(request.operation)
            #expect(lacks ? error.code == .notImplemented : error.code == .validationFailed, "\(error)")
            return
        }
        let back = try GoldenRequestTests.reparse(rendered, in: Self.orbit, registry: Self.registry)
        GoldenRequestTests.expectFaithful(request, back, rendered: rendered, target: Self.orbit)
        // And orbit's request, sent on to the fixture's own dialect, keeps what both can carry.
        let home = Mappings.dialect(fixture.dialect)
        if let onward = try? home.renderRequest(back) {
            let again = try GoldenRequestTests.reparse(onward, in: home, registry: Self.registry)
            GoldenRequestTests.expectFaithful(back, again, rendered: onward, target: home)
        }
    }

    /// Every response fixture of the four dialects, answered to an orbit caller and read back.
    @Test(arguments: FixtureCase.cases(.response))
    func answersWithTheOtherDialectsResponses(_ fixture: FixtureCase) throws {
        let response = try Pipeline(registry: Mappings.registry).parseResponse(fixture).get()
        let request = try fixture.canonicalRequest()
        guard let route = Pipeline.callerRoute(in: Self.orbit, for: request) else { return }
        let rendered = Self.orbit.renderResponse(response, route: route)
        try GoldenResponseTests.expectFaithful(
            response, rendered: rendered, on: route, of: Self.orbit, answering: request)
    }

    @Test(arguments: GatewayErrorCode.allCases)
    func writesAndReadsEveryErrorCode(_ code: GatewayErrorCode) {
        let error = ErrorEnvelopeTests.sample(code)
        let rendered = Self.orbit.renderError(error)
        #expect(rendered.status == code.defaultStatus)
        let back = Self.orbit.parseError(status: rendered.status, body: rendered.body)
        #expect(back.code == code)
        #expect(back.fieldViolations == error.fieldViolations)
        for other in Mappings.registry.dialects {
            let relayed = other.parseError(status: other.renderError(back).status, body: other.renderError(back).body)
            #expect(ErrorEnvelopeTests.expectedStatus(relayed.code, in: other.name) == other.renderError(back).status)
        }
    }

    /// Where two routes fit a path, the one with more literal segments wins: orbit's `{org}` routes beside a copy of
    /// orbit whose routes name one organization literally.
    @Test func aLiteralSegmentBeatsAParameter() throws {
        let url = FixtureCase.bundleRoot.appendingPathComponent("dialects/orbit.yaml")
        let parameter =
            "      path:\n        org: {canonical: organization.slug, fallback: [organization.id, organization.uuid], minLength: 1}\n"
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.components(separatedBy: parameter).count == 3)
        let literal = try MappingCompiler(
            file: "acme-orbit.yaml",
            text: text.replacingOccurrences(of: "dialect: orbit", with: "dialect: acme-orbit")
                .replacingOccurrences(of: "/orbit/", with: "/elsewhere/")  // Its other routes out of the way.
                .replacingOccurrences(of: "/elsewhere/orgs/{org}/invitations", with: "/orbit/orgs/acme/invitations")
                .replacingOccurrences(of: parameter, with: "")
        ).compile()
        for dialects in [[Self.orbit, literal], [literal, Self.orbit]] {
            let registry = try DialectRegistry(dialects: dialects)
            for method in ["POST", "GET"] {
                guard
                    case .route(let dialect, _, let parameters) = registry.match(
                        method: method, path: "/orbit/orgs/acme/invitations")
                else { throw FixtureError("\(method) does not route") }
                #expect(dialect.name == "acme-orbit" && parameters.isEmpty)
                guard
                    case .route(let other, _, let otherParameters) = registry.match(
                        method: method, path: "/orbit/orgs/globex/invitations")
                else { throw FixtureError("\(method) does not route") }
                #expect(other.name == "orbit" && otherParameters == ["org": "globex"])
            }
        }
    }
}
