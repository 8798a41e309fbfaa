import Foundation
import GRDB

/// The gateway's state in one place: idempotency keys, the invitation index and the batch journal, on one SQLite
/// database (a file, or in memory), migrated on open.
///
/// ```swift
/// let state = try GatewayState(storage: .file(path: "gateway-state.sqlite"))
/// let reports = try await state.recoverUnfinishedBatches { revocation in   // once, before serving
///     _ = try await upstreams[revocation.upstream]!.perform(revocation.request, context: context)
/// }
/// // per request: state.idempotency, state.invitations, state.batches
/// try state.close()  // at shutdown
/// ```
///
/// Unit tests of the pipeline can hold the in-memory fakes instead: ``GatewayState/fakes(policy:)``.
public final class GatewayState: Sendable {
    public let idempotency: any IdempotencyStore
    public let invitations: any InvitationIndex
    public let batches: any BatchJournal
    /// The shared database, when the parts are the SQLite ones.
    let writer: (any DatabaseWriter)?

    /// Opens (creating when missing) and migrates the state database and builds the three SQLite parts on it.
    ///
    /// - Parameters:
    ///   - storage: `.inMemory` (gone with the process), or `.file(path:)` (survives a restart: required for
    ///     idempotency across restarts and for batch crash recovery).
    ///   - idempotencyPolicy: key time-to-live (24 h) and claim timeout (10 min) unless told.
    /// - Throws: the database's error when the file cannot be opened or migrated.
    public init(storage: GatewayStateStorage = .inMemory, idempotencyPolicy: IdempotencyPolicy = IdempotencyPolicy())
        throws
    {
        let writer = try storage.openMigratedWriter()
        self.writer = writer
        idempotency = SQLiteIdempotencyStore(writer: writer, policy: idempotencyPolicy)
        // The index is written for every answer that carries invitations and the journal for every item of a batch,
        // so both sit on the hot path: with nothing to survive a restart they are in-memory structures, not
        // in-memory SQLite tables (a database write per answer, per batch item).
        switch storage {
        case .inMemory:
            invitations = InMemoryInvitationIndex()
            batches = InMemoryBatchJournal()
        case .file:
            invitations = SQLiteInvitationIndex(writer: writer)
            batches = SQLiteBatchJournal(writer: writer)
        }
    }

    /// State made of any parts (fakes in tests); ``close()`` does nothing for them.
    public init(idempotency: any IdempotencyStore, invitations: any InvitationIndex, batches: any BatchJournal) {
        self.idempotency = idempotency
        self.invitations = invitations
        self.batches = batches
        writer = nil
    }

    /// The in-memory fakes (``InMemoryIdempotencyStore``, ``InMemoryInvitationIndex``, ``InMemoryBatchJournal``).
    public static func fakes(policy: IdempotencyPolicy = IdempotencyPolicy()) -> GatewayState {
        GatewayState(
            idempotency: InMemoryIdempotencyStore(policy: policy), invitations: InMemoryInvitationIndex(),
            batches: InMemoryBatchJournal())
    }

    /// Settles the batches a crash interrupted; run once at start-up, before serving.
    ///
    /// ``BatchJournal/recoverUnfinishedBatches(releasingClaimsIn:now:revoke:)`` on this state's journal,
    /// releasing claims in this state's idempotency store.
    public func recoverUnfinishedBatches(
        now: Date = Date(), revoke: @Sendable (BatchRevocation) async throws -> Void
    ) async throws -> [BatchRecoveryReport] {
        try await batches.recoverUnfinishedBatches(releasingClaimsIn: idempotency, now: now, revoke: revoke)
    }

    /// Closes the database; call once no request is in flight.
    ///
    /// Closing twice does nothing.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }
}
