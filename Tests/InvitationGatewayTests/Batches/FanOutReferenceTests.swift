import Foundation
import HTTPTypes
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// Batch creates through the gateway to live reference upstreams, with failures injected.
@Suite struct FanOutReferenceTests {
    static let emails = (0..<50).map { "user\($0)@example.com" }
    static let duplicates: Set<Int> = [3, 17, 33]
    static let rateLimited: Set<Int> = [10, 25, 41]
    static let serverError = 44

    /// 50 emails to a one-invite (k0rdent) reference: three already invited there, three answered 429 and one
    /// 500 by an injected fault; every other email is created, each result in its place, 200 overall.
    @Test func fiftyEmailsToSingleInviteUpstreamGiveExactPerItemResults() async throws {
        try await ReferenceBackend.run { reference in
            for index in Self.duplicates { try await reference.invite(Self.emails[index]) }
            let pooled = PooledHTTPTransport()
            let transport = FaultInjectingTransport(wrapping: pooled) { request in
                let email = (try? JSONParser.parse(request.body))?["email"]?.stringValue ?? ""
                guard let index = Self.emails.firstIndex(of: email) else { return .pass }
                if Self.rateLimited.contains(index) {
                    return .answer(
                        .json(429, #"{"error":{"code":429,"message":"Slow down"}}"#, headers: [.retryAfter: "3"]))
                }
                if index == Self.serverError {
                    return .answer(.json(500, #"{"error":{"code":500,"message":"disk on fire at 10.0.0.7"}}"#))
                }
                return .pass
            }
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(dialect: "k0rdent", url: reference.baseURL), transport: transport)
            let (answer, unfinished) = try await GatewayHarness.test(runtime, .live) { client in
                let answer = try await client.send(
                    CallerRequest(
                        method: .post, target: "/manage/api/invitations", body: inkeepBatch(Self.emails),
                        headers: [.authorization: "Bearer demo-admin-token"]))
                return (answer, try await runtime.state.batches.unfinishedBatches().count)
            }
            await pooled.shutdown()
            #expect(answer.status == 200, "\(answer.body)")
            let items = try #require(answer.json?["data"]?.arrayValue)
            #expect(items.count == 50)
            #expect(items.map { $0["email"]?.stringValue } == Self.emails, "one result per email, in input order")
            let pending = try await reference.pending()
            for (index, item) in items.enumerated() {
                let email = Self.emails[index]
                if Self.duplicates.contains(index) {
                    #expect(item["status"] == "error", "\(index): \(item)")
                    #expect(
                        item["error"]?.stringValue == "this email already has a pending invitation to the organization",
                        "\(index)")
                } else if Self.rateLimited.contains(index) {
                    #expect(item["status"] == "error" && item["error"] == "Slow down", "\(index): \(item)")
                } else if index == Self.serverError {
                    #expect(item["status"] == "error", "\(index): \(item)")
                    #expect(
                        item["error"]?.stringValue?.contains("10.0.0.7") == false,
                        "a 5xx item hides the upstream's detail: \(item)")
                } else {
                    #expect(item["status"] == "success", "\(index): \(item)")
                    #expect(item["id"]?.stringValue == pending[email], "\(index): the id the reference holds: \(item)")
                }
                #expect(item["compensated"] == nil, "best-effort items are never compensated: \(item)")
            }
            #expect(transport.passed.count == 46, "one call per email that was not injected")
            #expect(transport.injected.count == 4)
            #expect(pending.count == 46, "43 created by the batch beside the 3 duplicates")
            #expect(unfinished == 0, "the journal forgets an answered batch")
        }
    }

    /// A batch-capable upstream (the reference speaking inkeep) gets the whole batch in one call.
    @Test func batchCapableUpstreamGetsOneCall() async throws {
        try await ReferenceBackend.run { reference in
            let pooled = PooledHTTPTransport()
            let transport = FaultInjectingTransport(wrapping: pooled) { _ in .pass }
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(dialect: "inkeep", url: reference.baseURL), transport: transport)
            let emails = ["a@example.com", "max@acme.example", "b@example.com"]
            let answer = try await GatewayHarness.test(runtime, .live) { client in
                try await client.send(
                    CallerRequest(
                        method: .post, target: "/manage/api/invitations", body: inkeepBatch(emails),
                        headers: [.authorization: "Bearer demo-admin-token"]))
            }
            await pooled.shutdown()
            #expect(answer.status == 200, "\(answer.body)")
            let items = try #require(answer.json?["data"]?.arrayValue)
            #expect(items.map { $0["email"]?.stringValue } == emails)
            #expect(items.map { $0["status"]?.stringValue } == ["success", "error", "success"], "\(answer.body)")
            #expect(transport.passed.count == 1)
            #expect(transport.passed.first?.path == "/manage/api/invitations")
        }
    }
}
