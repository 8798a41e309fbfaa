import Foundation
import InvitationCore
import InvitationGateway
import Testing

@Suite struct IdempotencyStoreTests {
    let key = "key-123"
    let scope = Fixtures.scope
    let fingerprint = Fixtures.fingerprint
    let t0 = Fixtures.t0

    @Test(arguments: IdempotencyStoreKind.allCases)
    func firstUseProceedsAndACompletedKeyReplays(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) == .proceed)
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        let again = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 60)
        #expect(again == .replay(Fixtures.response))
        // Replays do not consume the key.
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 120) == again)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func replayKeepsStatusHeadersAndBodyBytes(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        let stored = StoredResponse(
            status: 207,
            headers: [
                .init(name: "Content-Type", value: "application/json; charset=utf-8"),
                .init(name: "Location", value: "/x/\"y\""),
            ],
            body: [0, 255, 10, 13] + Array("{\"é\":1}".utf8))
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.complete(key: key, scope: scope, response: stored)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) == .replay(stored))
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func sameKeyWithAnotherBodyIsAMismatch(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: Fixtures.otherFingerprint, now: t0) == .mismatch)
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: Fixtures.otherFingerprint, now: t0) == .mismatch)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func keysAreScopedByCallerAndRoute(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        let bob = IdempotencyScope(credentials: Credentials(authorization: "Bearer bob"), route: scope.route)
        let otherRoute = IdempotencyScope(caller: scope.caller, route: "zenml create")
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) == .proceed)
        #expect(
            try await store.begin(key: key, scope: bob, fingerprint: Fixtures.otherFingerprint, now: t0) == .proceed)
        #expect(try await store.begin(key: key, scope: otherRoute, fingerprint: fingerprint, now: t0) == .proceed)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func aDuplicateOfARunningRequestIsInProgress(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 1) == .inProgress)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func keysExpireAfterTheirTimeToLive(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make(policy: IdempotencyPolicy(timeToLive: 3600))
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 3599)
                == .replay(Fixtures.response))
        // Expired: a new request, even with another body, executes as new.
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: Fixtures.otherFingerprint, now: t0 + 3600)
                == .proceed)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func theDefaultTimeToLiveIsADay(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        #expect(store.policy.timeToLive == 86_400)
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 86_399) != .proceed)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 86_400) == .proceed)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func expiredKeysArePurged(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make(policy: IdempotencyPolicy(timeToLive: 60))
        for index in 0..<5 {
            _ = try await store.begin(key: "k\(index)", scope: scope, fingerprint: fingerprint, now: t0)
        }
        _ = try await store.begin(key: "late", scope: scope, fingerprint: fingerprint, now: t0 + 30)
        #expect(try await store.purgeExpired(now: t0 + 60) == 5)
        #expect(try await store.purgeExpired(now: t0 + 60) == 0)
        #expect(try await store.begin(key: "late", scope: scope, fingerprint: fingerprint, now: t0 + 61) == .inProgress)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func beginPurgesExpiredKeysLazily(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make(policy: IdempotencyPolicy(timeToLive: 60))
        for index in 0..<5 {
            _ = try await store.begin(key: "k\(index)", scope: scope, fingerprint: fingerprint, now: t0)
        }
        _ = try await store.begin(key: "another", scope: scope, fingerprint: fingerprint, now: t0 + 61)
        #expect(try await store.purgeExpired(now: t0 + 61) == 0)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func anAbandonedKeyIsFreeForAnyBody(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.abandon(key: key, scope: scope)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: Fixtures.otherFingerprint, now: t0) == .proceed)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func abandonAndReleaseLeaveACompletedKeyAlone(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        try await store.abandon(key: key, scope: scope)
        try await store.release(key: key, scope: scope)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
                == .replay(Fixtures.response))
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func aReleasedClaimIsTakenOverOnlyWithTheSameBody(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        try await store.release(key: key, scope: scope)
        #expect(
            try await store.begin(key: key, scope: scope, fingerprint: Fixtures.otherFingerprint, now: t0) == .mismatch)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) == .proceed)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) == .inProgress)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func aClaimHeldPastTheTimeoutIsTakenOver(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make(policy: IdempotencyPolicy(claimTimeout: 300))
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 299) == .inProgress)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 300) == .proceed)
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 301) == .inProgress)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func concurrentBeginsWithOneKeyLetExactlyOneProceed(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        for round in 0..<5 {
            let key = "concurrent-\(round)"
            let decisions = try await withThrowingTaskGroup(of: IdempotencyDecision.self) { group in
                for _ in 0..<64 {
                    group.addTask { try await store.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(decisions.count == 64)
            #expect(decisions.filter { $0 == .proceed }.count == 1)
            #expect(decisions.filter { $0 == .inProgress }.count == 63)
        }
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func concurrentDuplicatesWaitAndReplayTheFirstAnswer(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint) == .proceed)
        let waiting = IdempotencyWait(
            maximumWait: .seconds(10), initialDelay: .milliseconds(5), maximumDelay: .milliseconds(40))
        let duplicates = (0..<8).map { _ in
            Task { try await store.begin(key: key, scope: scope, fingerprint: fingerprint, waiting: waiting) }
        }
        try await Task.sleep(for: .milliseconds(100))
        try await store.complete(key: key, scope: scope, response: Fixtures.response)
        for duplicate in duplicates {
            #expect(try await duplicate.value == .replay(Fixtures.response))
        }
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func aDuplicateWaitsOnlyUpToItsBound(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint)
        let started = ContinuousClock.now
        let decision = try await store.begin(
            key: key, scope: scope, fingerprint: fingerprint,
            waiting: IdempotencyWait(maximumWait: .milliseconds(150), initialDelay: .milliseconds(10)))
        let waited = ContinuousClock.now - started
        #expect(decision == .inProgress)
        #expect(waited >= .milliseconds(150))
        // Well short of the default 10 s bound. Not tighter: with the whole suite running on two cores, a poll's
        // sleep can resume seconds late (5.9 s was seen for this 150 ms wait).
        #expect(waited < .seconds(9))
        #expect(try await store.begin(key: key, scope: scope, fingerprint: fingerprint, waiting: .none) == .inProgress)
    }

    @Test(arguments: IdempotencyStoreKind.allCases)
    func aWaitingDuplicateProceedsWhenTheFirstAbandons(kind: IdempotencyStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.begin(key: key, scope: scope, fingerprint: fingerprint)
        let duplicate = Task {
            try await store.begin(
                key: key, scope: scope, fingerprint: fingerprint,
                waiting: IdempotencyWait(initialDelay: .milliseconds(5), maximumDelay: .milliseconds(20)))
        }
        try await Task.sleep(for: .milliseconds(50))
        try await store.abandon(key: key, scope: scope)
        #expect(try await duplicate.value == .proceed)
    }

    @Test func theSQLiteStoreKeepsKeysAcrossAReopen() async throws {
        let database = TemporaryDatabasePath()
        defer { database.remove() }
        do {
            let state = try GatewayState(storage: database.storage)
            _ = try await state.idempotency.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0)
            try await state.idempotency.complete(key: key, scope: scope, response: Fixtures.response)
            try state.close()
        }
        let reopened = try GatewayState(storage: database.storage)
        #expect(
            try await reopened.idempotency.begin(key: key, scope: scope, fingerprint: fingerprint, now: t0 + 1)
                == .replay(Fixtures.response))
        try reopened.close()
    }
}
