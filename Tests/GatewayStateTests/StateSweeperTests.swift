import Foundation
import InvitationCore
import InvitationGateway
import Logging
import Testing

/// The sweeper that keeps state bounded while the server runs: expired keys and old index entries go.
@Suite struct StateSweeperTests {
    let t0 = Fixtures.t0
    let logger = Logger(label: "state-sweeper-test")

    func state(_ index: any InvitationIndex, keysLive seconds: Double) -> GatewayState {
        GatewayState(
            idempotency: InMemoryIdempotencyStore(policy: IdempotencyPolicy(timeToLive: seconds)), invitations: index,
            batches: InMemoryBatchJournal())
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func aSweepDeletesExpiredKeysAndIndexEntriesPastTheirRetention(kind: InvitationIndexKind) async throws {
        let state = state(try kind.make(), keysLive: 60)
        let sweeper = StateSweeper(
            state: state, configuration: StateConfiguration(idempotencyKeySeconds: 60, invitationIndexSeconds: 3600),
            logger: logger)
        try await state.invitations.record([Invitation(id: "old")], upstream: "a", now: t0)
        try await state.invitations.record([Invitation(id: "recent")], upstream: "a", now: t0 + 3000)
        _ = try await state.idempotency.begin(
            key: "k", scope: Fixtures.scope, fingerprint: Fixtures.fingerprint, now: t0 + 3000)

        let deleted = await sweeper.sweep(now: t0 + 3601)
        #expect(deleted.indexEntries == 1)
        #expect(deleted.idempotencyKeys == 1, "the key was claimed 601 s before and lives 60 s")
        #expect(try await state.invitations.entry(for: "old") == nil)
        #expect(try await state.invitations.upstream(for: "recent") == "a")
    }

    @Test func aSweepDeletesExpiredIdempotencyKeys() async throws {
        let state = state(InMemoryInvitationIndex(), keysLive: 60)
        let sweeper = StateSweeper(
            state: state, configuration: StateConfiguration(idempotencyKeySeconds: 60), logger: logger)
        for index in 0..<3 {
            _ = try await state.idempotency.begin(
                key: "k\(index)", scope: Fixtures.scope, fingerprint: Fixtures.fingerprint, now: t0)
        }
        #expect(await sweeper.sweep(now: t0 + 30) == (0, 0))
        #expect(await sweeper.sweep(now: t0 + 61) == (3, 0))
    }

    /// An entry recorded again is kept from its latest recording.
    @Test(arguments: InvitationIndexKind.allCases)
    func anInvitationSeenAgainIsKept(kind: InvitationIndexKind) async throws {
        let state = state(try kind.make(), keysLive: 60)
        let sweeper = StateSweeper(
            state: state, configuration: StateConfiguration(invitationIndexSeconds: 3600), logger: logger)
        try await state.invitations.record([Invitation(id: "inv")], upstream: "a", now: t0)
        try await state.invitations.record([Invitation(id: "inv")], upstream: "a", now: t0 + 3000)
        #expect(await sweeper.sweep(now: t0 + 3601).indexEntries == 0)
        #expect(try await state.invitations.upstream(for: "inv") == "a")
    }

    @Test(arguments: [
        (86_400.0, 2_592_000.0, 3600.0),  // the defaults: an hour
        (60.0, 2_592_000.0, 6.0),  // a tenth of the shorter retention
        (5.0, 60.0, 1.0),  // never below a second
    ])
    func theIntervalIsATenthOfTheShorterRetentionWithinBounds(keys: Double, index: Double, interval: Double) {
        let sweeper = StateSweeper(
            state: state(InMemoryInvitationIndex(), keysLive: keys),
            configuration: StateConfiguration(idempotencyKeySeconds: keys, invitationIndexSeconds: index),
            logger: logger)
        #expect(sweeper.interval == .milliseconds(Int64(interval * 1000)))
    }

    /// `run` sweeps every interval until its task is cancelled.
    @Test func runSweepsUntilCancelled() async throws {
        let index = InMemoryInvitationIndex()
        let state = state(index, keysLive: 5)
        let sweeper = StateSweeper(
            state: state, configuration: StateConfiguration(idempotencyKeySeconds: 5, invitationIndexSeconds: 60),
            logger: logger)
        try await index.record([Invitation(id: "ancient")], upstream: "a", now: Date(timeIntervalSince1970: 0))
        let running = Task { try await sweeper.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        while index.entryNow(for: "ancient") != nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        running.cancel()
        try await running.value
        #expect(index.entryNow(for: "ancient") == nil, "swept within the 1 s interval")
    }
}
