import Foundation
import HTTPTypes
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// What a restart does to a batch a crash interrupted: a gateway is stopped mid-batch (its request task cancelled,
/// the emails still in flight never sent), then a second gateway opens the same state file.
@Suite struct BatchRecoveryTests {
    static let emails = (0..<8).map { "crash\($0)@example.com" }
    /// The emails that complete before the crash; the others are held in flight.
    static let completed = Set(emails.prefix(4))

    /// Starts a batch on a first gateway, waits until the completed emails are journaled, then "crashes" it.
    static func interruptedBatch(
        reference: ReferenceBackend, database: String, mode: BatchMode, idempotencyKey: String?
    ) async throws {
        let pooled = PooledHTTPTransport()
        let transport = FaultInjectingTransport(wrapping: pooled) { request in
            let email = (try? JSONParser.parse(request.body))?["email"]?.stringValue ?? ""
            return completed.contains(email) ? .pass : .hold
        }
        let runtime = try GatewayHarness.runtime(
            frontConfiguration(
                dialect: "k0rdent", url: reference.baseURL, state: StateConfiguration(database: database),
                batchMode: mode,
                credentials: .bearer(token: "demo-admin-token")),
            transport: transport)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        let request = GatewayRequest(
            method: "POST", path: "/manage/api/invitations", headers: headers, body: Array(inkeepBatch(emails).utf8))
        let gateway = runtime.gateway
        let inFlight = Task { await gateway.respond(to: request) }
        var recorded = 0
        for _ in 0..<500 where recorded < completed.count {
            try await Task.sleep(for: .milliseconds(10))
            recorded = try await runtime.state.batches.unfinishedBatches().first?.results.compactMap { $0 }.count ?? 0
        }
        #expect(recorded == completed.count, "the completed emails are journaled before the crash")
        inFlight.cancel()
        _ = await inFlight.value
        await runtime.shutdown()
        await pooled.shutdown()
        #expect(try await reference.pending().count == completed.count, "created upstream, never reported")
    }

    /// All-or-nothing: the restart revokes what the interrupted batch created; the held emails are unresolved.
    @Test func restartCompensatesAnInterruptedAllOrNothingBatch() async throws {
        try await ReferenceBackend.run { reference in
            let database = IdempotencyTests.temporaryDatabase()
            try await Self.interruptedBatch(
                reference: reference, database: database, mode: .allOrNothing, idempotencyKey: nil)
            let restarted = try GatewayHarness.runtime(
                frontConfiguration(
                    dialect: "k0rdent", url: reference.baseURL, state: StateConfiguration(database: database),
                    credentials: .bearer(token: "demo-admin-token")))
            let reports = try await restarted.recoverUnfinishedBatches()
            let again = try await restarted.recoverUnfinishedBatches()
            let unfinished = try await restarted.state.batches.unfinishedBatches().count
            await restarted.shutdown()
            let report = try #require(reports.first)
            #expect(reports.count == 1)
            #expect(report.action == .compensated)
            #expect(report.revokedInvitationIDs.count == Self.completed.count)
            #expect(report.orphanedInvitationIDs.isEmpty)
            #expect(Set(report.unresolvedEmails) == Set(Self.emails).subtracting(Self.completed))
            #expect(again.isEmpty, "recovery runs once per start")
            #expect(unfinished == 0)
            #expect(try await reference.pending().isEmpty, "every invitation the batch created was revoked")
        }
    }

    /// Best-effort with an `Idempotency-Key`: the restart keeps the batch; the caller's retry reuses the four
    /// invitations already created (not sent again) and sends only the others.
    @Test func restartKeepsABestEffortBatchForTheIdempotentRetry() async throws {
        try await ReferenceBackend.run { reference in
            let database = IdempotencyTests.temporaryDatabase()
            try await Self.interruptedBatch(
                reference: reference, database: database, mode: .bestEffort, idempotencyKey: "retry-me")
            let createdBefore = try await reference.pending()
            let pooled = PooledHTTPTransport()
            let transport = FaultInjectingTransport(wrapping: pooled) { _ in .pass }
            let restarted = try GatewayHarness.runtime(
                frontConfiguration(
                    dialect: "k0rdent", url: reference.baseURL, state: StateConfiguration(database: database),
                    credentials: .bearer(token: "demo-admin-token")),
                transport: transport)
            let reports = try await restarted.recoverUnfinishedBatches()
            #expect(reports.map(\.action) == [.keptForRetry])
            let retry = await restarted.gateway.respond(
                to: GatewayRequest(
                    method: "POST", path: "/manage/api/invitations",
                    headers: [.contentType: "application/json", HTTPField.Name("Idempotency-Key")!: "retry-me"],
                    body: Array(inkeepBatch(Self.emails).utf8)))
            await restarted.shutdown()
            await pooled.shutdown()
            #expect(retry.status == 200)
            let items = try #require((try? JSONParser.parse(retry.body))?["data"]?.arrayValue)
            #expect(items.allSatisfy { $0["status"] == "success" }, "\(String(decoding: retry.body, as: UTF8.self))")
            for item in items {
                let email = try #require(item["email"]?.stringValue)
                if Self.completed.contains(email) {
                    #expect(item["id"]?.stringValue == createdBefore[email], "\(email) reused")
                }
            }
            #expect(
                transport.passed.count == Self.emails.count - Self.completed.count,
                "only the unfinished emails are sent")
            #expect(try await reference.pending().count == Self.emails.count)
        }
    }
}
