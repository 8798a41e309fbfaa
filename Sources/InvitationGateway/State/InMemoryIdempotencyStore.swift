import Foundation

/// The in-memory ``IdempotencyStore`` fake for unit tests: the same decisions as ``SQLiteIdempotencyStore``,
/// kept by an actor (which serializes `begin`s, so exactly one concurrent duplicate proceeds).
public actor InMemoryIdempotencyStore: IdempotencyStore {
    public nonisolated let policy: IdempotencyPolicy

    private struct RowKey: Hashable {
        var key: String
        var scope: IdempotencyScope
    }

    private struct Row {
        var fingerprint: RequestFingerprint
        var response: StoredResponse?
        /// Milliseconds; nil for a released claim.
        var claimedAt: Int64?
        var expiresAt: Int64
    }

    private var rows: [RowKey: Row] = [:]

    /// An empty store.
    public init(policy: IdempotencyPolicy = IdempotencyPolicy()) { self.policy = policy }

    /// How many keys are remembered (expired ones included until purged); for tests.
    public var count: Int { rows.count }

    public func begin(key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint, now: Date) async throws
        -> IdempotencyDecision
    {
        let now = now.millisecondsSince1970
        rows = rows.filter { $0.value.expiresAt > now }
        let rowKey = RowKey(key: key, scope: scope)
        guard var row = rows[rowKey] else {
            rows[rowKey] = Row(
                fingerprint: fingerprint, claimedAt: now, expiresAt: now + Int64(policy.timeToLive * 1000))
            return .proceed
        }
        guard row.fingerprint == fingerprint else { return .mismatch }
        if let response = row.response { return .replay(response) }
        if let claimedAt = row.claimedAt, claimedAt > now - Int64(policy.claimTimeout * 1000) { return .inProgress }
        row.claimedAt = now
        rows[rowKey] = row
        return .proceed
    }

    public func complete(key: String, scope: IdempotencyScope, response: StoredResponse) async throws {
        let rowKey = RowKey(key: key, scope: scope)
        guard var row = rows[rowKey], row.response == nil else { return }
        row.response = response
        row.claimedAt = nil
        rows[rowKey] = row
    }

    public func abandon(key: String, scope: IdempotencyScope) async throws {
        let rowKey = RowKey(key: key, scope: scope)
        if rows[rowKey]?.response == nil { rows[rowKey] = nil }
    }

    public func release(key: String, scope: IdempotencyScope) async throws {
        let rowKey = RowKey(key: key, scope: scope)
        if rows[rowKey] != nil, rows[rowKey]?.response == nil { rows[rowKey]?.claimedAt = nil }
    }

    @discardableResult
    public func purgeExpired(now: Date) async throws -> Int {
        let before = rows.count
        let now = now.millisecondsSince1970
        rows = rows.filter { $0.value.expiresAt > now }
        return before - rows.count
    }
}
