import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

@Suite struct HealthAndRoutingTests {
    @Test func healthAndReadiness() async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .router) { client in
            let health = try await client.send(CallerRequest(method: .get, target: "/healthz"))
            #expect(health.status == 200)
            #expect(health.body == #"{"status":"ok"}"#)
            #expect(health.header("X-Request-Id") != nil)
            let ready = try await client.send(CallerRequest(method: .get, target: "/readyz"))
            #expect(ready.status == 200)
            #expect(ready.json?["status"] == "ready")
        }
    }

    @Test func embeddedUpstreamServesEveryDialect() async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .live) { client in
            let created = try await client.send(
                CallerRequest(
                    method: .post, target: "/api/v1/org/acme/invitations",
                    body: #"{"email":"new@example.com","role":"member"}"#,
                    headers: [.authorization: "Bearer demo-admin-token"]))
            #expect(created.status == 200)
            #expect(created.json?["email"] == "new@example.com")
            #expect(created.json?["organization_slug"] == "acme")
            let listed = try await client.send(
                CallerRequest(
                    method: .get, target: "/v1/regions/global/organizations/acme/invitations",
                    headers: [.authorization: "Bearer demo-admin-token"]))
            #expect(listed.status == 200)
            #expect(listed.json?["invitations"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: [
        ("/manage/api/nothing", "inkeep"), ("/api/v1/org/acme/nothing/else", "dreadnode"),
        ("/v1/regions/global/organizations/acme/other", "k0rdent"), ("/totally/unknown", "inkeep"),
    ])
    func unknownRouteIs404InTheBestGuessDialect(path: String, dialect: String) async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .router) { client in
            let answer = try await client.send(CallerRequest(method: .get, target: path))
            #expect(answer.status == 404)
            let registry = try GatewayHarness.registry()
            #expect(answer.header("Content-Type") == registry.dialect(named: dialect)?.errors.contentType)
            if dialect == "inkeep" {
                #expect(answer.json?["code"] == "not_found")
                #expect(answer.json?["requestId"]?.stringValue == answer.header("X-Request-Id"))
            }
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .router) { client in
            let answer = try await client.send(
                CallerRequest(method: .put, target: "/v1/regions/global/organizations/acme/invitations"))
            #expect(answer.status == 405)
            #expect(answer.header("Allow") == "DELETE, GET, POST")
            #expect(
                answer.json
                    == json(
                        #"{"error":{"code":405,"message":"PUT is not allowed here; allowed: DELETE, GET, POST.","details":[]}}"#
                    ))
        }
    }

    @Test func oversizedBodyIs413() async throws {
        var configuration = GatewayHarness.configuration(dialect: nil, url: "embedded")
        configuration.bodyLimitBytes = 64
        let runtime = try GatewayHarness.runtime(configuration)
        try await GatewayHarness.test(runtime, .live) { client in
            let body = #"{"email":"\#(String(repeating: "a", count: 100))@example.com","role":"member"}"#
            let answer = try await client.send(
                CallerRequest(method: .post, target: "/api/v1/org/acme/invitations", body: body))
            #expect(answer.status == 413)
            #expect(answer.json?["code"] == 413)
            #expect(answer.json?["type"] == "invalid_request_error")
        }
    }
}

/// Validation failures made by the gateway carry each dialect's validation status and envelope.
@Suite struct ValidationEnvelopeTests {
    @Test(arguments: [
        (
            "inkeep",
            CallerRequest(
                method: .post, target: "/manage/api/invitations",
                body: #"{"emails":["not-an-email"],"organizationId":"acme","role":"member"}"#), 422
        ),
        (
            "dreadnode",
            CallerRequest(
                method: .post, target: "/api/v1/org/acme/invitations",
                body: #"{"email":"x@example.com","role":"emperor"}"#), 422
        ),
        (
            "k0rdent",
            CallerRequest(
                method: .post, target: "/v1/regions/global/organizations/acme/invitations",
                body: #"{"email":"x@example.com"}"#), 400
        ),
        ("zenml", CallerRequest(method: .get, target: "/invitations/not-a-uuid"), 422),
    ])
    func validationStatusPerDialect(dialect: String, request: CallerRequest, status: Int) async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .router) { client in
            let answer = try await client.send(request)
            #expect(answer.status == status, "\(answer.body)")
            let errors = try #require(try GatewayHarness.registry().dialect(named: dialect)).errors
            #expect(answer.header("Content-Type") == errors.contentType)
        }
    }
}
