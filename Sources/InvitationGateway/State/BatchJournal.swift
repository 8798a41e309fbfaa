import Foundation
import InvitationCore

/// Crash safety for batches in flight: what a restart finds in it is what a crash interrupted.
///
/// A batch is journaled before it is fanned out, each email's outcome as it completes, and the batch is
/// forgotten when its answer is sent.
///
/// The pipeline's part, for a batch fanned out to a one-email-per-call upstream:
/// ```swift
/// var batch = JournaledBatch(requestID: requestID, upstream: route.name, input: input,
///                            allOrNothing: allOrNothing, idempotency: claim)
/// if let claim, let previous = try await state.batches.resumableBatch(for: claim) {
///     for (position, result) in previous.reusableResults { batch.results[position] = result }  // not sent again
/// }
/// try await state.batches.begin(batch)
/// // each item, as it completes:       try await state.batches.record(batchID: batch.id, position: i, result: item)
/// // each compensating revoke:         try await state.batches.markCompensated(batchID: batch.id, position: i, true)
/// try await state.batches.finish(batchID: batch.id)  // after the idempotency store holds the answer
/// ```
///
/// What a restart does with unfinished batches is ``recoverUnfinishedBatches(releasingClaimsIn:now:revoke:)``:
/// all-or-nothing batches are compensated (their created invitations revoked), best-effort batches are kept
/// for an idempotent retry. `docs/batches.md` tells the whole story.
public protocol BatchJournal: Sendable {
    /// Journals a batch (and any results it already carries) before anything is sent.
    ///
    /// A resumable batch of the same idempotency claim is superseded: it is deleted in the same transaction.
    func begin(_ batch: JournaledBatch) async throws

    /// Records one email's outcome; a later record for the same position replaces it.
    func record(batchID: String, position: Int, result: BatchItemResult) async throws

    /// Records whether revoking a created item's invitation succeeded (true) or failed (false).
    func markCompensated(batchID: String, position: Int, _ compensated: Bool) async throws

    /// Moves a batch to another state (recovery uses it).
    func setState(batchID: String, _ state: JournaledBatch.State) async throws

    /// Forgets a batch whose answer was delivered (or stored for replay).
    func finish(batchID: String) async throws

    /// The batch with this id, in any state, or nil.
    func batch(id: String) async throws -> JournaledBatch?

    /// Every batch still ``JournaledBatch/State/inFlight``, oldest first: at start-up, the ones a crash interrupted.
    func unfinishedBatches() async throws -> [JournaledBatch]

    /// The ``JournaledBatch/State/resumable`` batch of this claim (same key, scope and fingerprint), if any.
    func resumableBatch(for claim: IdempotencyClaim) async throws -> JournaledBatch?

    /// Forgets recovered (resumable or compensated) batches started before `date`; returns how many.
    @discardableResult
    func purgeRecovered(startedBefore date: Date) async throws -> Int
}
