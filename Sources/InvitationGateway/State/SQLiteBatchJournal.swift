import Foundation
import GRDB
import InvitationCore

/// The SQLite ``BatchJournal``: a `batches` row per batch and a `batchItems` row per recorded outcome.
///
/// Each call is one committed transaction, so whatever returned before a crash is found after it.
/// Usually opened by ``GatewayState``; open one alone with ``init(storage:)``.
public final class SQLiteBatchJournal: BatchJournal {
    let writer: any DatabaseWriter

    /// Opens (creating and migrating) its own database.
    public convenience init(storage: GatewayStateStorage = .inMemory) throws {
        self.init(writer: try storage.openMigratedWriter())
    }

    /// Uses an already migrated database.
    init(writer: any DatabaseWriter) { self.writer = writer }

    public func begin(_ batch: JournaledBatch) async throws {
        let input = batch.input.canonical.jsonText
        let claim = batch.idempotency
        try await writer.write { db in
            if let claim {
                try db.execute(
                    sql: """
                        DELETE FROM batches WHERE state = 'resumable' AND idempotencyKey = ? AND idempotencyCaller = ?
                        AND idempotencyRoute = ? AND fingerprint = ?
                        """,
                    arguments: [claim.key, claim.scope.caller, claim.scope.route, claim.fingerprint.hex])
            }
            try db.execute(
                sql: """
                    INSERT INTO batches (id, requestID, upstream, input, allOrNothing, idempotencyKey,
                    idempotencyCaller, idempotencyRoute, fingerprint, state, startedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    batch.id, batch.requestID, batch.upstream, input, batch.allOrNothing, claim?.key,
                    claim?.scope.caller, claim?.scope.route, claim?.fingerprint.hex, batch.state.rawValue,
                    batch.startedAt.millisecondsSince1970,
                ])
            for (position, result) in batch.results.enumerated() {
                if let result { try Self.record(db, batchID: batch.id, position: position, result: result) }
            }
        }
    }

    public func record(batchID: String, position: Int, result: BatchItemResult) async throws {
        try await writer.write { db in
            // An outcome for a batch already finished (or never begun) has nowhere to go; like the fake, ignore it.
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM batches WHERE id = ?)", arguments: [batchID])
            guard exists == true else { return }
            try Self.record(db, batchID: batchID, position: position, result: result)
        }
    }

    static func record(_ db: Database, batchID: String, position: Int, result: BatchItemResult) throws {
        var withoutFlag = result
        withoutFlag.compensated = nil
        try db.execute(
            sql: """
                INSERT INTO batchItems (batchID, position, email, outcome, invitationID, result, compensated)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(batchID, position) DO UPDATE SET email = excluded.email, outcome = excluded.outcome,
                invitationID = excluded.invitationID, result = excluded.result, compensated = excluded.compensated
                """,
            arguments: [
                batchID, position, result.email, result.outcome.rawValue, result.invitation?.id,
                withoutFlag.canonical.jsonText, result.compensated,
            ])
    }

    public func markCompensated(batchID: String, position: Int, _ compensated: Bool) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE batchItems SET compensated = ? WHERE batchID = ? AND position = ?",
                arguments: [compensated, batchID, position])
        }
    }

    public func setState(batchID: String, _ state: JournaledBatch.State) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE batches SET state = ? WHERE id = ?", arguments: [state.rawValue, batchID])
        }
    }

    public func finish(batchID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM batches WHERE id = ?", arguments: [batchID])
        }
    }

    public func batch(id: String) async throws -> JournaledBatch? {
        try await writer.read { db in
            try Self.batches(db, where: "id = ?", arguments: [id]).first
        }
    }

    public func unfinishedBatches() async throws -> [JournaledBatch] {
        try await writer.read { db in
            try Self.batches(db, where: "state = 'inFlight'", arguments: [])
        }
    }

    public func resumableBatch(for claim: IdempotencyClaim) async throws -> JournaledBatch? {
        try await writer.read { db in
            try Self.batches(
                db,
                where: """
                    state = 'resumable' AND idempotencyKey = ? AND idempotencyCaller = ? AND idempotencyRoute = ?
                    AND fingerprint = ?
                    """,
                arguments: [claim.key, claim.scope.caller, claim.scope.route, claim.fingerprint.hex]
            ).last
        }
    }

    @discardableResult
    public func purgeRecovered(startedBefore date: Date) async throws -> Int {
        let cutoff = date.millisecondsSince1970
        return try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM batches WHERE state IN ('resumable', 'compensated') AND startedAt < ?",
                arguments: [cutoff])
            return db.changesCount
        }
    }

    /// The batches matching a condition on `batches`, oldest first, with their recorded items.
    ///
    /// A batch whose journaled input no longer reads (a schema it predates) is skipped rather than failing
    /// the whole listing.
    static func batches(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [JournaledBatch]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM batches WHERE \(condition) ORDER BY startedAt, rowid", arguments: arguments)
        var batches: [JournaledBatch] = []
        for row in rows {
            guard let input = try? CreateInvitationsInput(canonical: JSONParser.parse(row["input"] as String)),
                let state = JournaledBatch.State(rawValue: row["state"])
            else { continue }
            var claim: IdempotencyClaim?
            if let key: String = row["idempotencyKey"], let caller: String = row["idempotencyCaller"],
                let route: String = row["idempotencyRoute"], let fingerprint: String = row["fingerprint"]
            {
                claim = IdempotencyClaim(
                    key: key, scope: IdempotencyScope(caller: caller, route: route),
                    fingerprint: RequestFingerprint(hex: fingerprint))
            }
            var batch = JournaledBatch(
                id: row["id"], requestID: row["requestID"], upstream: row["upstream"], input: input,
                allOrNothing: row["allOrNothing"], idempotency: claim,
                startedAt: Date(millisecondsSince1970: row["startedAt"]), state: state)
            let items = try Row.fetchAll(
                db, sql: "SELECT position, result, compensated FROM batchItems WHERE batchID = ? ORDER BY position",
                arguments: [batch.id])
            for item in items {
                let position: Int = item["position"]
                guard batch.results.indices.contains(position),
                    var result = try? BatchItemResult(canonical: JSONParser.parse(item["result"] as String))
                else { continue }
                result.compensated = item["compensated"]
                batch.results[position] = result
            }
            batches.append(batch)
        }
        return batches
    }
}
