import HTTPTypes
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOPosix
import Testing

/// The event-loop path (``Gateway/respond(to:on:executor:completion:)``) and the async one (``Gateway/respond(to:)``)
/// answer alike: the same stages, whichever runs them.
@Suite struct PlanPathTests {
    static let requests: [(String, GatewayRequest)] = [
        ("create", request("POST", "/api/v1/org/acme/invitations", #"{"email":"a@example.com","role":"member"}"#)),
        ("batch", request("POST", "/api/v1/org/acme/invitations", #"{"emails":["a@example.com","b@example.com"]}"#)),
        ("keyed", request("POST", "/api/v1/org/acme/invitations", #"{"email":"a@example.com"}"#, key: "k-1")),
        ("bad json", request("POST", "/api/v1/org/acme/invitations", #"{"email":"#)),
        ("bad email", request("POST", "/api/v1/org/acme/invitations", #"{"email":"nope"}"#)),
        ("list", request("GET", "/api/v1/org/acme/invitations", nil)),
        ("no route", request("GET", "/nowhere", nil)),
        ("wrong method", request("DELETE", "/api/v1/org/acme/invitations", nil)),
        ("too large", request("POST", "/api/v1/org/acme/invitations", nil, withoutBody: true)),
        ("health", request("GET", "/healthz", nil)),
    ]

    static func request(
        _ method: String, _ path: String, _ body: String?, key: String? = nil, withoutBody: Bool = false
    ) -> GatewayRequest {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Request-Id")!] = "req-fixed-1"
        if body != nil { headers[.contentType] = "application/json" }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return GatewayRequest(
            method: method, path: path, headers: headers, body: withoutBody ? nil : Array((body ?? "").utf8))
    }

    static let conflict = StubResponse.json(
        #"{"error":{"type":"conflict_error","message":"Already invited."}}"#, status: 409)
    static let created = StubResponse.json(
        #"{"id":"i1","email":"a@example.com","roles":["member"],"status":"pending"}"#, status: 201)

    @Test(arguments: [("k0rdent", created), ("k0rdent", conflict), ("inkeep", conflict), ("zenml", conflict)])
    func bothPathsAnswerAlike(upstream: String, answer: StubResponse) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(answer)
            for (name, request) in Self.requests {
                // A fresh gateway per path, so idempotency keys and the index start alike.
                let viaTask = try GatewayHarness.runtime(
                    GatewayHarness.configuration(dialect: upstream, url: stub.baseURL))
                let viaLoop = try GatewayHarness.runtime(
                    GatewayHarness.configuration(dialect: upstream, url: stub.baseURL))
                let expected = await viaTask.gateway.respond(to: request)
                let loop = MultiThreadedEventLoopGroup.singleton.next()
                let actual = await withCheckedContinuation { continuation in
                    viaLoop.gateway.respond(to: request, on: loop, executor: EventLoopTaskExecutor(eventLoop: loop)) {
                        continuation.resume(returning: $0)
                    }
                }
                #expect(actual.status == expected.status, "\(name)")
                #expect(actual.headers == expected.headers, "\(name)")
                #expect(
                    String(decoding: actual.body, as: UTF8.self) == String(decoding: expected.body, as: UTF8.self),
                    "\(name)")
                await viaTask.shutdown()
                await viaLoop.shutdown()
            }
        }
    }
}
