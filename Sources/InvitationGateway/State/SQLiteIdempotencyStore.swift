import Foundation
import GRDB

/// The SQLite ``IdempotencyStore``: one row per key, caller and route, claimed by an `INSERT` the primary key
/// refuses to repeat, inside a write transaction — so exactly one of many concurrent `begin`s proceeds, even
/// across processes sharing the file.
///
/// Usually opened by ``GatewayState``; open one alone with ``init(storage:policy:)``.
public final class SQLiteIdempotencyStore: IdempotencyStore {
    public let policy: IdempotencyPolicy
    let writer: any DatabaseWriter

    /// How many expired rows one `begin` purges besides its own key, so no request pays for a large backlog.
    static let purgeBatchSize = 64

    /// Opens (creating and migrating) its own database.
    public convenience init(storage: GatewayStateStorage = .inMemory, policy: IdempotencyPolicy = IdempotencyPolicy())
        throws
    {
        try self.init(writer: storage.openMigratedWriter(), policy: policy)
    }

    /// Uses an already migrated database.
    init(writer: any DatabaseWriter, policy: IdempotencyPolicy) {
        self.writer = writer
        self.policy = policy
    }

    public func begin(key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint, now: Date) async throws
        -> IdempotencyDecision
    {
        let now = now.millisecondsSince1970
        let expiresAt = now + Int64(policy.timeToLive * 1000)
        let staleBefore = now - Int64(policy.claimTimeout * 1000)
        let arguments: StatementArguments = [key, scope.caller, scope.route]
        return try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM idempotencyKeys WHERE key = ? AND caller = ? AND route = ? AND expiresAt <= ?",
                arguments: arguments + [now])
            try db.execute(
                sql: """
                    DELETE FROM idempotencyKeys WHERE rowid IN
                    (SELECT rowid FROM idempotencyKeys WHERE expiresAt <= ? LIMIT ?)
                    """,
                arguments: [now, Self.purgeBatchSize])
            try db.execute(
                sql: """
                    INSERT INTO idempotencyKeys (key, caller, route, fingerprint, state, claimedAt, expiresAt)
                    VALUES (?, ?, ?, ?, 'inProgress', ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: arguments + [fingerprint.hex, now, expiresAt])
            if db.changesCount == 1 { return .proceed }
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT fingerprint, state, claimedAt, status, headers, body FROM idempotencyKeys
                        WHERE key = ? AND caller = ? AND route = ?
                        """,
                    arguments: arguments)
            else { return .proceed }  // Unreachable: the insert conflicted with this very row.
            guard row["fingerprint"] as String == fingerprint.hex else { return .mismatch }
            if row["state"] as String == "completed" {
                let headers: String = row["headers"] ?? "[]"
                let body: Data = row["body"] ?? Data()
                return .replay(
                    StoredResponse(
                        status: row["status"] ?? 200, headers: StoredResponse.headers(fromJSON: headers),
                        body: [UInt8](body)))
            }
            let claimedAt: Int64? = row["claimedAt"]
            if let claimedAt, claimedAt > staleBefore { return .inProgress }
            // Released, or held past the claim timeout by a holder presumed dead: take it over.
            try db.execute(
                sql: "UPDATE idempotencyKeys SET claimedAt = ? WHERE key = ? AND caller = ? AND route = ?",
                arguments: [now] + arguments)
            return .proceed
        }
    }

    public func complete(key: String, scope: IdempotencyScope, response: StoredResponse) async throws {
        let arguments: StatementArguments = [
            response.status, response.headersJSON, Data(response.body), key, scope.caller, scope.route,
        ]
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE idempotencyKeys SET state = 'completed', claimedAt = NULL, status = ?, headers = ?, body = ?
                    WHERE key = ? AND caller = ? AND route = ? AND state = 'inProgress'
                    """,
                arguments: arguments)
        }
    }

    public func abandon(key: String, scope: IdempotencyScope) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM idempotencyKeys WHERE key = ? AND caller = ? AND route = ? AND state = 'inProgress'",
                arguments: [key, scope.caller, scope.route])
        }
    }

    public func release(key: String, scope: IdempotencyScope) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE idempotencyKeys SET claimedAt = NULL
                    WHERE key = ? AND caller = ? AND route = ? AND state = 'inProgress'
                    """,
                arguments: [key, scope.caller, scope.route])
        }
    }

    @discardableResult
    public func purgeExpired(now: Date) async throws -> Int {
        let now = now.millisecondsSince1970
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM idempotencyKeys WHERE expiresAt <= ?", arguments: [now])
            return db.changesCount
        }
    }
}
