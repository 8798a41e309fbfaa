import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// `Idempotency-Key` on creates, through the gateway to a live reference upstream.
@Suite struct IdempotencyTests {
    static func create(
        _ client: any TestClientProtocol, key: String?, emails: [String], token: String = "demo-admin-token"
    ) async throws -> CallerAnswer {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.send(
            CallerRequest(method: .post, target: "/manage/api/invitations", body: inkeepBatch(emails), headers: headers)
        )
    }

    /// A retry with the same key and body replays the first answer byte for byte, marked `Idempotent-Replayed`,
    /// without calling the upstream; the same key with another body is a 422 in the caller's envelope.
    @Test func retryReplaysAndAnotherBodyIsRefused() async throws {
        try await ReferenceBackend.run { reference in
            let pooled = PooledHTTPTransport()
            let transport = FaultInjectingTransport(wrapping: pooled) { _ in .pass }
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(
                    dialect: "k0rdent", url: reference.baseURL,
                    state: StateConfiguration(database: Self.temporaryDatabase())),
                transport: transport)
            let emails = ["a@example.com", "b@example.com"]
            let (first, retry, other, otherCaller) = try await GatewayHarness.test(runtime, .live) { client in
                let first = try await Self.create(client, key: "key-1", emails: emails)
                let retry = try await Self.create(client, key: "key-1", emails: emails)
                let other = try await Self.create(client, key: "key-1", emails: ["c@example.com"])
                let otherCaller = try await Self.create(
                    client, key: "key-1", emails: emails, token: "demo-member-token")
                return (first, retry, other, otherCaller)
            }
            await pooled.shutdown()
            #expect(first.status == 200 && first.header("Idempotent-Replayed") == nil, "\(first.body)")
            #expect(first.json?["data"]?.arrayValue?.allSatisfy { $0["status"] == "success" } == true, "\(first.body)")
            #expect(retry.status == 200)
            #expect(retry.header("Idempotent-Replayed") == "true")
            #expect(retry.body == first.body)
            #expect(retry.header("Content-Type") == first.header("Content-Type"))
            #expect(retry.header("X-Request-Id") != first.header("X-Request-Id"), "the retry keeps its own request id")
            #expect(other.status == 422, "\(other.body)")
            #expect(other.header("Content-Type") == "application/problem+json", "the caller's envelope")
            #expect(other.json?["code"] == "unprocessable_entity", "\(other.body)")
            #expect(other.body.contains("Idempotency-Key"))
            // Keys are scoped by caller: another caller's key-1 is its own (Max may not invite: the reference's 403 items).
            #expect(otherCaller.header("Idempotent-Replayed") == nil, "\(otherCaller.body)")
            let creates = transport.passed.filter { $0.method == "POST" }
            #expect(
                creates.count == 4, "two emails for the first request, two for the other caller; none for the retry")
            #expect(try await reference.pending().keys.sorted() == emails)
        }
    }

    /// Five concurrent requests with one key: the batch executes once; every caller gets its answer.
    @Test func concurrentRequestsWithOneKeyExecuteOnce() async throws {
        try await ReferenceBackend.run { reference in
            let pooled = PooledHTTPTransport()
            // Slow creates keep the first request in flight while the duplicates arrive.
            let transport = FaultInjectingTransport(wrapping: pooled) { _ in .delay(.milliseconds(150)) }
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(dialect: "k0rdent", url: reference.baseURL), transport: transport)
            let emails = ["a@example.com", "b@example.com", "c@example.com"]
            let answers = try await GatewayHarness.test(runtime, .live) { client in
                try await withThrowingTaskGroup(of: CallerAnswer.self) { group in
                    for _ in 0..<5 { group.addTask { try await Self.create(client, key: "same", emails: emails) } }
                    var answers: [CallerAnswer] = []
                    for try await answer in group { answers.append(answer) }
                    return answers
                }
            }
            await pooled.shutdown()
            #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.map(\.body))")
            #expect(Set(answers.map(\.body)).count == 1, "every caller sees the one execution's answer")
            #expect(answers.filter { $0.header("Idempotent-Replayed") == "true" }.count == 4)
            #expect(transport.passed.count == 3, "one call per email, once")
            #expect(
                answers[0].json?["data"]?.arrayValue?.allSatisfy { $0["status"] == "success" } == true,
                "\(answers[0].body)")
        }
    }

    /// Without a key nothing is remembered: the same request twice runs twice (the second finds duplicates).
    @Test func withoutKeyEveryRequestExecutes() async throws {
        try await ReferenceBackend.run { reference in
            let runtime = try GatewayHarness.runtime(frontConfiguration(dialect: "k0rdent", url: reference.baseURL))
            let (first, second) = try await GatewayHarness.test(runtime, .live) { client in
                (
                    try await Self.create(client, key: nil, emails: ["a@example.com"]),
                    try await Self.create(client, key: nil, emails: ["a@example.com"])
                )
            }
            #expect(first.json?["data"]?.arrayValue?.first?["status"] == "success")
            #expect(second.json?["data"]?.arrayValue?.first?["status"] == "error", "\(second.body)")
            #expect(second.header("Idempotent-Replayed") == nil)
        }
    }

    /// Any dialect's create takes a key: a dreadnode retry replays, another body is 422 in dreadnode's envelope.
    @Test func dreadnodeCreateIsIdempotentToo() async throws {
        try await ReferenceBackend.run { reference in
            let runtime = try GatewayHarness.runtime(frontConfiguration(dialect: "k0rdent", url: reference.baseURL))
            let answers = try await GatewayHarness.test(runtime, .live) { client in
                var answers: [CallerAnswer] = []
                for email in ["dan@example.com", "dan@example.com", "eve@example.com"] {
                    answers.append(
                        try await client.send(
                            CallerRequest(
                                method: .post, target: "/api/v1/org/acme/invitations",
                                body: #"{"email":"\#(email)","role":"member"}"#,
                                headers: [
                                    .authorization: "Bearer demo-admin-token",
                                    HTTPField.Name("Idempotency-Key")!: "dread-1",
                                ])))
                }
                return answers
            }
            #expect(answers[0].status == 200, "\(answers[0].body)")
            #expect(answers[1].status == 200 && answers[1].body == answers[0].body)
            #expect(answers[1].header("Idempotent-Replayed") == "true")
            #expect(answers[2].status == 422)
            #expect(answers[2].json?["type"] == "validation_error", "dreadnode's envelope: \(answers[2].body)")
            #expect(try await reference.pending().keys.sorted() == ["dan@example.com"])
        }
    }

    /// A key lives `state.idempotencyKeySeconds`: after it, the same key and body execute again.
    @Test func expiredKeyExecutesAgain() async throws {
        try await ReferenceBackend.run { reference in
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(
                    dialect: "k0rdent", url: reference.baseURL, state: StateConfiguration(idempotencyKeySeconds: 1)))
            let (first, expired) = try await GatewayHarness.test(runtime, .live) { client in
                let first = try await Self.create(client, key: "short", emails: ["a@example.com"])
                try await Task.sleep(for: .milliseconds(1100))
                return (first, try await Self.create(client, key: "short", emails: ["a@example.com"]))
            }
            #expect(first.json?["data"]?.arrayValue?.first?["status"] == "success")
            #expect(expired.header("Idempotent-Replayed") == nil)
            #expect(expired.json?["data"]?.arrayValue?.first?["status"] == "error", "executed again: \(expired.body)")
        }
    }

    /// A fresh state database file in the temporary folder.
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gateway-state-\(UUID().uuidString).sqlite").path
    }
}
