import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOConcurrencyHelpers
import Testing

/// All-or-nothing batches against a live reference (k0rdent: one invite per call): a failed email revokes the rest.
@Suite struct AllOrNothingTests {
    static let emails = ["a@example.com", "b@example.com", "dup@example.com", "c@example.com"]

    static func batch(_ client: any TestClientProtocol, mode: String?) async throws -> CallerAnswer {
        var headers: HTTPFields = [.authorization: "Bearer demo-admin-token"]
        if let mode { headers[BatchMode.headerName] = mode }
        return try await client.send(
            CallerRequest(method: .post, target: "/manage/api/invitations", body: inkeepBatch(emails), headers: headers)
        )
    }

    /// `X-Batch-Mode: all-or-nothing`: the duplicate fails with its own error; the three created are revoked
    /// (`compensated: true`) and are gone from the reference.
    @Test func failedEmailRevokesTheCreatedOnes() async throws {
        try await ReferenceBackend.run { reference in
            try await reference.invite("dup@example.com")
            let runtime = try GatewayHarness.runtime(frontConfiguration(dialect: "k0rdent", url: reference.baseURL))
            let answer = try await GatewayHarness.test(runtime, .live) {
                try await Self.batch($0, mode: "all-or-nothing")
            }
            #expect(answer.status == 200, "\(answer.body)")
            let items = try #require(answer.json?["data"]?.arrayValue)
            #expect(items.map { $0["email"]?.stringValue } == Self.emails)
            #expect(items.allSatisfy { $0["status"] == "error" }, "\(answer.body)")
            #expect(items.map { $0["compensated"]?.boolValue } == [true, true, nil, true], "\(answer.body)")
            #expect(items[2]["error"]?.stringValue == "this email already has a pending invitation to the organization")
            #expect(items[0]["error"]?.stringValue?.contains("all-or-nothing") == true, "\(answer.body)")
            #expect(
                try await reference.pending().keys.sorted() == ["dup@example.com"],
                "only the duplicate's own invitation remains")
        }
    }

    /// A revoke that fails (injected 500 for b's DELETE): b is reported `compensated: false` with its id (an
    /// orphan the reference still holds); a and c are `true`.
    @Test func failingRevokeIsReportedNotCompensated() async throws {
        try await ReferenceBackend.run { reference in
            try await reference.invite("dup@example.com")
            let pooled = PooledHTTPTransport()
            let deletes = DeleteCounter()
            // Concurrency 1 creates a, b, c in order and revokes them in order: the second revoke is b's.
            let transport = FaultInjectingTransport(wrapping: pooled) { request in
                if request.method == "DELETE", deletes.next() == 2 {
                    return .answer(.json(500, #"{"error":{"code":500,"message":"boom"}}"#))
                }
                return .pass
            }
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(
                    dialect: "k0rdent", url: reference.baseURL, batchMode: .allOrNothing, fanOutConcurrency: 1),
                transport: transport)
            let (answer, unfinished) = try await GatewayHarness.test(runtime, .live) { client in
                // No header: the upstream's batchMode, all-or-nothing.
                let answer = try await Self.batch(client, mode: nil)
                return (answer, try await runtime.state.batches.unfinishedBatches().count)
            }
            await pooled.shutdown()
            let items = try #require(answer.json?["data"]?.arrayValue)
            #expect(items.map { $0["compensated"]?.boolValue } == [true, false, nil, true], "\(answer.body)")
            #expect(items[1]["status"] == "error")
            #expect(
                items[1]["id"]?.stringValue == (try await reference.pending()["b@example.com"]),
                "the orphan's id: \(answer.body)")
            #expect(
                try await reference.pending().keys.sorted() == ["b@example.com", "dup@example.com"], "b is orphaned")
            #expect(unfinished == 0, "the journal forgets an answered batch")
        }
    }

    /// The header overrides the upstream's configured mode; an unknown mode is a 400 in the caller's envelope.
    @Test func headerOverridesConfigAndIsValidated() async throws {
        try await ReferenceBackend.run { reference in
            try await reference.invite("dup@example.com")
            let runtime = try GatewayHarness.runtime(
                frontConfiguration(dialect: "k0rdent", url: reference.baseURL, batchMode: .allOrNothing))
            let (bestEffort, refused) = try await GatewayHarness.test(runtime, .live) { client in
                (try await Self.batch(client, mode: "best-effort"), try await Self.batch(client, mode: "some-or-other"))
            }
            let items = try #require(bestEffort.json?["data"]?.arrayValue)
            #expect(
                items.map { $0["status"]?.stringValue } == ["success", "success", "error", "success"],
                "\(bestEffort.body)")
            #expect(items.allSatisfy { $0["compensated"] == nil })
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.header("Content-Type") == "application/problem+json")
            #expect(refused.body.contains("X-Batch-Mode"), "\(refused.body)")
        }
    }
}

/// Counts DELETE requests for a fault decision.
final class DeleteCounter: Sendable {
    private let count = NIOLockedValueBox(0)

    /// The count including this one.
    func next() -> Int {
        count.withLockedValue {
            $0 += 1
            return $0
        }
    }
}
