import Foundation

/// Remembers `Idempotency-Key`s of create requests and their first responses, scoped by caller and route.
///
/// The life of a key (`now` is injectable for tests; the overloads without it use the wall clock):
/// 1. ``begin(key:scope:fingerprint:now:)`` claims the key atomically. Exactly one of any number of
///    concurrent requests with one key gets ``IdempotencyDecision/proceed``; the others see
///    ``IdempotencyDecision/inProgress`` (or ``IdempotencyDecision/mismatch`` for another fingerprint).
/// 2. The request that proceeds executes, then stores its answer with ``complete(key:scope:response:)``;
///    later requests with the key and the same fingerprint get ``IdempotencyDecision/replay(_:)``.
///    If it failed before any upstream effect (refused input, upstream unreachable before sending), it
///    calls ``abandon(key:scope:)`` instead, and the key is free again, for any body.
/// 3. A key expires ``IdempotencyPolicy/timeToLive`` after its first use (24 hours by default); expired
///    rows are purged lazily by `begin` and by ``purgeExpired(now:)``.
///
/// A claim still in progress after ``IdempotencyPolicy/claimTimeout`` (its holder crashed) is taken over by
/// the next `begin` with the same fingerprint; ``release(key:scope:)`` makes that immediate (crash recovery).
///
/// Concurrent duplicates: ``begin(key:scope:fingerprint:waiting:now:)`` polls with backoff while the
/// first request runs and replays its answer; if it is still running when the wait ends, the answer is
/// 409 ``IdempotencyErrors/inProgress`` with `Retry-After`.
///
/// ```swift
/// let scope = IdempotencyScope(credentials: credentials, route: "inkeep POST /v1/orgs/{id}/invitations")
/// switch try await state.idempotency.begin(key: key, scope: scope, fingerprint: fingerprint, waiting: .default) {
/// case .proceed: let response = ...; try await state.idempotency.complete(key: key, scope: scope, response: stored)
/// case .replay(let stored): return stored  // plus Idempotent-Replayed: true
/// case .mismatch: throw IdempotencyErrors.mismatch
/// case .inProgress: throw IdempotencyErrors.inProgress
/// }
/// ```
public protocol IdempotencyStore: Sendable {
    /// How long keys live and when a stuck claim may be taken over.
    var policy: IdempotencyPolicy { get }

    /// Claims `key` for this request, or says why not; atomic with respect to every other `begin`.
    func begin(key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint, now: Date) async throws
        -> IdempotencyDecision

    /// Stores the claimed request's response for replay; does nothing when the key is not claimed in progress.
    func complete(key: String, scope: IdempotencyScope, response: StoredResponse) async throws

    /// Forgets the claim (the request failed before any upstream effect); the key is free for any body.
    func abandon(key: String, scope: IdempotencyScope) async throws

    /// Keeps the key bound to its fingerprint but lets the next `begin` with that fingerprint proceed at once,
    /// as when its holder has crashed (used by batch recovery). Does nothing to a completed key.
    func release(key: String, scope: IdempotencyScope) async throws

    /// Deletes every key expired at `now`; returns how many.
    @discardableResult
    func purgeExpired(now: Date) async throws -> Int
}

extension IdempotencyStore {
    /// ``begin(key:scope:fingerprint:now:)`` at the current time.
    public func begin(key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint) async throws
        -> IdempotencyDecision
    {
        try await begin(key: key, scope: scope, fingerprint: fingerprint, now: Date())
    }

    /// ``begin(key:scope:fingerprint:now:)`` for a claim.
    public func begin(_ claim: IdempotencyClaim, now: Date = Date()) async throws -> IdempotencyDecision {
        try await begin(key: claim.key, scope: claim.scope, fingerprint: claim.fingerprint, now: now)
    }

    /// ``complete(key:scope:response:)`` for a claim.
    public func complete(_ claim: IdempotencyClaim, response: StoredResponse) async throws {
        try await complete(key: claim.key, scope: claim.scope, response: response)
    }

    /// ``abandon(key:scope:)`` for a claim.
    public func abandon(_ claim: IdempotencyClaim) async throws {
        try await abandon(key: claim.key, scope: claim.scope)
    }

    /// ``purgeExpired(now:)`` at the current time.
    @discardableResult
    public func purgeExpired() async throws -> Int { try await purgeExpired(now: Date()) }
}
