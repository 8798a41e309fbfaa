import Foundation
import InvitationCore
import InvitationGateway
import Testing

@Suite struct BatchJournalTests {
    let t0 = Fixtures.t0
    let claim = IdempotencyClaim(key: "batch-key", scope: Fixtures.scope, fingerprint: Fixtures.fingerprint)

    @Test(arguments: BatchJournalKind.allCases)
    func aJournaledBatchReadsBackWithItsOutcomes(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        let input = Fixtures.input(4)
        let batch = JournaledBatch(
            id: "b1", requestID: "req-1", upstream: "zenml", input: input, allOrNothing: true, idempotency: claim,
            startedAt: t0)
        try await journal.begin(batch)
        try await journal.record(batchID: "b1", position: 2, result: Fixtures.created(2, email: input.emails[2]))
        try await journal.record(batchID: "b1", position: 0, result: Fixtures.failed(input.emails[0]))
        try await journal.markCompensated(batchID: "b1", position: 2, false)
        let read = try #require(try await journal.batch(id: "b1"))
        var expected = batch
        expected.results[0] = Fixtures.failed(input.emails[0])
        expected.results[2] = Fixtures.created(2, email: input.emails[2])
        expected.results[2]?.compensated = false
        #expect(read == expected)
        #expect(read.createdPositions == [2])
        #expect(read.unresolvedPositions == [1, 3])
        #expect(try await journal.unfinishedBatches().map(\.id) == ["b1"])
    }

    @Test(arguments: BatchJournalKind.allCases)
    func aFinishedBatchIsForgotten(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        try await journal.begin(
            JournaledBatch(id: "b1", requestID: "r", upstream: "u", input: Fixtures.input(2), allOrNothing: false))
        try await journal.begin(
            JournaledBatch(id: "b2", requestID: "r", upstream: "u", input: Fixtures.input(2), allOrNothing: false))
        try await journal.finish(batchID: "b1")
        // An outcome arriving after the finish has nowhere to go and is ignored.
        try await journal.record(batchID: "b1", position: 0, result: Fixtures.failed("x"))
        #expect(try await journal.batch(id: "b1") == nil)
        #expect(try await journal.unfinishedBatches().map(\.id) == ["b2"])
    }

    @Test(arguments: BatchJournalKind.allCases)
    func unfinishedBatchesAreListedInTheOrderTheyBegan(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        for id in ["b3", "b1", "b4", "b2"] {
            try await journal.begin(
                JournaledBatch(
                    id: id, requestID: "r", upstream: "u", input: Fixtures.input(1), allOrNothing: false, startedAt: t0)
            )
        }
        try await journal.finish(batchID: "b4")
        #expect(try await journal.unfinishedBatches().map(\.id) == ["b3", "b1", "b2"])
    }

    @Test(arguments: BatchJournalKind.allCases)
    func recoveryCompensatesAllOrNothingBatches(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        let idempotency = InMemoryIdempotencyStore()
        #expect(try await idempotency.begin(claim, now: t0) == .proceed)
        let input = Fixtures.input(5)
        try await journal.begin(
            JournaledBatch(
                id: "aon", requestID: "req-9", upstream: "zenml", input: input, allOrNothing: true, idempotency: claim,
                startedAt: t0))
        for position in [0, 1, 3] {
            try await journal.record(
                batchID: "aon", position: position, result: Fixtures.created(position, email: input.emails[position]))
        }
        try await journal.record(batchID: "aon", position: 2, result: Fixtures.failed(input.emails[2]))
        let log = RevocationLog(failing: ["inv-1"])
        let reports = try await journal.recoverUnfinishedBatches(releasingClaimsIn: idempotency, now: t0 + 1) {
            try await log.revoke($0)
        }

        let report = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(report.action == .compensated)
        #expect(report.revokedInvitationIDs == ["inv-0", "inv-3"])
        #expect(report.orphanedInvitationIDs == ["inv-1"])
        #expect(report.unresolvedEmails == [input.emails[4]])
        #expect(report.batch.results.map { $0?.compensated } == [true, false, nil, true, nil])
        let revoked = await log.revoked
        #expect(revoked.map(\.invitationID) == ["inv-0", "inv-1", "inv-3"])
        #expect(
            revoked.allSatisfy {
                $0.upstream == "zenml" && $0.requestID == "req-9" && $0.organization == Fixtures.organization
            })
        #expect(
            revoked.first?.request
                == .revokeInvitation(RevokeInvitationInput(invitationID: "inv-0", organization: Fixtures.organization)))

        // The journal remembers; nothing is left unfinished, and the retry of the key proceeds at once.
        let stored = try #require(try await journal.batch(id: "aon"))
        #expect(stored.state == .compensated)
        #expect(stored.results.map { $0?.compensated } == [true, false, nil, true, nil])
        #expect(try await journal.unfinishedBatches().isEmpty)
        #expect(try await journal.resumableBatch(for: claim) == nil)
        #expect(try await idempotency.begin(claim, now: t0 + 2) == .proceed)
    }

    @Test(arguments: BatchJournalKind.allCases)
    func recoveryIsSafeToRunTwice(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        let input = Fixtures.input(2)
        try await journal.begin(
            JournaledBatch(id: "aon", requestID: "r", upstream: "u", input: input, allOrNothing: true, startedAt: t0))
        try await journal.record(batchID: "aon", position: 0, result: Fixtures.created(0, email: input.emails[0]))
        // A first recovery revoked item 0, then crashed before finishing the batch.
        try await journal.markCompensated(batchID: "aon", position: 0, true)
        let log = RevocationLog()
        let reports = try await journal.recoverUnfinishedBatches { try await log.revoke($0) }
        #expect(await log.revoked.isEmpty)
        #expect(reports.first?.batch.results[0]?.compensated == true)
        #expect(try await journal.recoverUnfinishedBatches { try await log.revoke($0) }.isEmpty)
    }

    @Test(arguments: BatchJournalKind.allCases)
    func recoveryKeepsBestEffortBatchesForAnIdempotentRetry(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        let idempotency = InMemoryIdempotencyStore()
        _ = try await idempotency.begin(claim, now: t0)
        let input = Fixtures.input(4)
        try await journal.begin(
            JournaledBatch(
                id: "best", requestID: "r", upstream: "u", input: input, allOrNothing: false, idempotency: claim,
                startedAt: t0))
        try await journal.record(batchID: "best", position: 0, result: Fixtures.created(0, email: input.emails[0]))
        try await journal.record(batchID: "best", position: 1, result: Fixtures.failed(input.emails[1]))
        try await journal.record(batchID: "best", position: 3, result: Fixtures.created(3, email: input.emails[3]))
        let log = RevocationLog()
        let reports = try await journal.recoverUnfinishedBatches(releasingClaimsIn: idempotency, now: t0 + 1) {
            try await log.revoke($0)
        }
        #expect(await log.revoked.isEmpty)
        #expect(reports.map(\.action) == [.keptForRetry])
        #expect(reports.first?.unresolvedEmails == [input.emails[2]])

        // The retry with the same key and body proceeds and finds the successes to reuse.
        #expect(try await idempotency.begin(claim, now: t0 + 2) == .proceed)
        let previous = try #require(try await journal.resumableBatch(for: claim))
        #expect(previous.reusableResults.keys.sorted() == [0, 3])
        var other = claim
        other.fingerprint = Fixtures.otherFingerprint
        #expect(try await journal.resumableBatch(for: other) == nil)

        // Beginning the retry's batch supersedes the resumable one.
        var retry = JournaledBatch(
            id: "retry", requestID: "r2", upstream: "u", input: input, allOrNothing: false, idempotency: claim,
            startedAt: t0 + 2)
        for (position, result) in previous.reusableResults { retry.results[position] = result }
        try await journal.begin(retry)
        #expect(try await journal.batch(id: "best") == nil)
        #expect(try await journal.batch(id: "retry")?.results == retry.results)
        #expect(try await journal.resumableBatch(for: claim) == nil)
    }

    @Test(arguments: BatchJournalKind.allCases)
    func recoveredBatchesArePurgedAfterTheKeyTimeToLive(kind: BatchJournalKind) async throws {
        let journal = try kind.make()
        let idempotency = InMemoryIdempotencyStore(policy: IdempotencyPolicy(timeToLive: 3600))
        try await journal.begin(
            JournaledBatch(
                id: "old", requestID: "r", upstream: "u", input: Fixtures.input(1), allOrNothing: false, startedAt: t0))
        _ = try await journal.recoverUnfinishedBatches(releasingClaimsIn: idempotency, now: t0) { _ in }
        #expect(try await journal.batch(id: "old")?.state == .resumable)
        _ = try await journal.recoverUnfinishedBatches(releasingClaimsIn: idempotency, now: t0 + 3601) { _ in }
        #expect(try await journal.batch(id: "old") == nil)
    }

    /// Open, journal, drop without finishing (a crash), reopen, recover with a revoker that fails for one item.
    @Test func aCrashedBatchIsRecoveredAfterReopening() async throws {
        let database = TemporaryDatabasePath()
        defer { database.remove() }
        let input = Fixtures.input(50)
        do {
            let state = try GatewayState(storage: database.storage)
            #expect(try await state.idempotency.begin(claim, now: t0) == .proceed)
            try await state.batches.begin(
                JournaledBatch(
                    id: "crashed", requestID: "req-c", upstream: "zenml", input: input, allOrNothing: true,
                    idempotency: claim, startedAt: t0))
            try await state.batches.begin(
                JournaledBatch(
                    id: "done", requestID: "req-d", upstream: "zenml", input: Fixtures.input(1), allOrNothing: true,
                    startedAt: t0))
            try await state.batches.finish(batchID: "done")
            for position in 0..<30 {
                try await state.batches.record(
                    batchID: "crashed", position: position,
                    result: Fixtures.created(position, email: input.emails[position]))
            }
            try await state.batches.record(batchID: "crashed", position: 30, result: Fixtures.failed(input.emails[30]))
            // The process dies here: no finish, no complete, no close.
        }
        let state = try GatewayState(storage: database.storage)
        let unfinished = try await state.batches.unfinishedBatches()
        #expect(unfinished.map(\.id) == ["crashed"])
        #expect(unfinished.first?.input == input)
        #expect(unfinished.first?.idempotency == claim)
        // Before recovery the key is still claimed by the dead process.
        #expect(try await state.idempotency.begin(claim, now: t0 + 1) == .inProgress)

        let log = RevocationLog(failing: ["inv-7"])
        let reports = try await state.recoverUnfinishedBatches(now: t0 + 1) { try await log.revoke($0) }
        let report = try #require(reports.first)
        #expect(report.revokedInvitationIDs.count == 29)
        #expect(report.orphanedInvitationIDs == ["inv-7"])
        #expect(report.unresolvedEmails == Array(input.emails[31...]))
        #expect(report.batch.results[7]?.compensated == false)
        #expect(report.batch.results[8]?.compensated == true)
        #expect(report.batch.results[30]?.compensated == nil)
        #expect(try await state.idempotency.begin(claim, now: t0 + 2) == .proceed)
        try state.close()

        let reopened = try GatewayState(storage: database.storage)
        #expect(try await reopened.batches.unfinishedBatches().isEmpty)
        let kept = try #require(try await reopened.batches.batch(id: "crashed"))
        #expect(kept.state == .compensated)
        #expect(kept.results[7]?.compensated == false)
        #expect(kept.results.compactMap { $0?.compensated }.filter { $0 }.count == 29)
        try reopened.close()
        try reopened.close()
    }
}
