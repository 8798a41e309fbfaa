import Foundation
import HTTPTypes
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOConcurrencyHelpers
import Testing

@Suite struct FanOutTests {
    /// A batch of emails to a one-email-per-call upstream: one call each, results in order, errors per item, 200.
    @Test func batchToSingleEmailUpstreamFansOutInOrder() async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(
                .json(
                    #"{"id":"x","organization_slug":"acme","email":"a@example.com","role":"member","status":"pending"}"#
                ))
            let emails = ["a@example.com", "b@example.com", "c@example.com"]
            let request = CallerRequest(
                method: .post, target: "/manage/api/invitations",
                body:
                    #"{"emails":["a@example.com","b@example.com","c@example.com"],"organizationId":"acme","role":"member"}"#
            )
            // The second email's call is rate limited: its item says so; the others succeed.
            let configuration = GatewayHarness.configuration(dialect: "dreadnode", url: stub.baseURL)
            let transport = FakeTransport { request throws(GatewayError) in
                let body = String(decoding: request.body, as: UTF8.self)
                if body.contains("b@example.com") {
                    return TransportResponse(
                        status: 429, headers: [.retryAfter: "7"],
                        body: Array(#"{"code":429,"detail":"Slow down","type":"rate_limit_error"}"#.utf8))
                }
                let email = emails.first { body.contains($0) }!
                return TransportResponse(
                    status: 200,
                    body: Array(
                        #"{"id":"id-\#(email.prefix(1))","organization_slug":"acme","email":"\#(email)","role":"member","status":"pending"}"#
                            .utf8))
            }
            let runtime = try GatewayHarness.runtime(configuration, transport: transport)
            let answer = try await GatewayHarness.test(runtime, .router) { try await $0.send(request) }
            #expect(answer.status == 200)
            #expect(
                json(answer.body)
                    == json(
                        #"{"data":[{"email":"a@example.com","status":"success","id":"id-a"},{"email":"b@example.com","status":"error","error":"Slow down"},{"email":"c@example.com","status":"success","id":"id-c"}]}"#
                    ), "\(answer.body)")
            #expect(transport.requests.count == 3)
            #expect(Set(transport.requests.map(\.request.path)) == ["/api/v1/org/acme/invitations"])
        }
    }

    @Test func concurrencyIsBounded() async throws {
        let inFlight = NIOLockedValueBox((now: 0, peak: 0))
        let transport = SlowTransport(inFlight: inFlight)
        var configuration = GatewayHarness.configuration(dialect: "k0rdent", url: "http://127.0.0.1:9")
        configuration.fanOutConcurrency = 3
        let runtime = try GatewayHarness.runtime(configuration, transport: transport)
        let emails = (0..<10).map { "user\($0)@example.com" }
        let body =
            #"{"emails":[\#(emails.map { "\"\($0)\"" }.joined(separator: ",")),],"organizationId":"acme","role":"member"}"#
            .replacingOccurrences(of: ",]", with: "]")
        let answer = try await GatewayHarness.test(runtime, .router) {
            try await $0.send(CallerRequest(method: .post, target: "/manage/api/invitations", body: body))
        }
        #expect(answer.status == 200)
        let items = try #require(answer.json?["data"]?.arrayValue)
        #expect(items.map { $0["email"]?.stringValue } == emails)
        #expect(items.allSatisfy { $0["status"] == "success" })
        #expect(inFlight.withLockedValue { $0.peak } == 3)
    }
}

/// Answers a k0rdent create after a short wait, tracking how many calls are in flight.
struct SlowTransport: UpstreamTransport {
    let inFlight: NIOLockedValueBox<(now: Int, peak: Int)>

    func send(_ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration)
        async throws(GatewayError) -> TransportResponse
    {
        inFlight.withLockedValue {
            $0.now += 1
            $0.peak = max($0.peak, $0.now)
        }
        try? await Task.sleep(for: .milliseconds(30))
        inFlight.withLockedValue { $0.now -= 1 }
        let email = (try? JSONParser.parse(request.body))?["email"]?.stringValue ?? ""
        return TransportResponse(
            status: 201, body: Array(#"{"id":"i","email":"\#(email)","roles":["member"],"status":"pending"}"#.utf8))
    }
}
