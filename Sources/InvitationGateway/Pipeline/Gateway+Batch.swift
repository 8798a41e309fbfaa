import InvitationCore
import Logging
import NIOConcurrencyHelpers

extension Gateway {
    /// Stage "upstream" for creates: journals the batch, sends it, and in all-or-nothing mode compensates.
    ///
    /// The batch is journaled before anything is sent and each email's outcome as it completes (see
    /// `docs/batches.md`); the caller finishes the journal entry once the answer is stored and sent. A resumable
    /// batch of the same idempotency claim (left by a crash) lends its successes, which are not created again.
    ///
    /// - Returns: the results in input order and the journaled batch's id.
    func createBatch(
        _ input: CreateInvitationsInput, route: UpstreamRoute, mode: BatchMode, claim: IdempotencyClaim?,
        context: UpstreamContext
    ) async throws(GatewayError) -> (CanonicalResponse, String) {
        var batch = JournaledBatch(
            requestID: context.metadata.requestID, upstream: route.name, input: input,
            allOrNothing: mode == .allOrNothing,
            idempotency: claim)
        if let claim {
            do {
                if let previous = try await state.batches.resumableBatch(for: claim),
                    previous.input.emails == input.emails
                {
                    for (position, result) in previous.reusableResults { batch.results[position] = result }
                }
            } catch {
                context.logger.warning("The batch journal could not be read: \(error)")
            }
        }
        do {
            try await state.batches.begin(batch)
        } catch {
            context.logger.error("The batch could not be journaled: \(error)")
            throw GatewayError(
                code: .unavailable, message: "The gateway cannot record the batch right now; nothing was sent.")
        }
        let pending = batch.results.indices.filter { batch.results[$0] == nil }
        var results = batch.results
        if !pending.isEmpty {
            var sent = input
            sent.emails = pending.map { input.emails[$0] }
            let recorder = BatchRecorder(
                journal: state.batches, batchID: batch.id, positions: pending, logger: context.logger)
            var batchContext = context
            batchContext.batchProgress = BatchProgress { position, item in await recorder.record(position, item) }
            var items: [BatchItemResult]
            do throws(GatewayError) {
                let response = try await route.upstream.perform(.createInvitations(sent), context: batchContext)
                guard case .createInvitations(let output) = response, output.results.count == sent.emails.count else {
                    throw GatewayError(
                        code: .badGateway, message: "The upstream's answer does not have one result per email.")
                }
                items = output.results
            } catch {
                // Nothing of this call was created; a resumed batch still has its earlier successes to report.
                guard pending.count < input.emails.count else {
                    await finishBatch(batch.id, logger: context.logger)
                    throw error
                }
                items = sent.emails.map { BatchItemResult.failure(error, email: $0) }
            }
            for offset in items.indices {
                items[offset].email = sent.emails[offset]
                results[pending[offset]] = items[offset]
            }
            if !Task.isCancelled { await recorder.recordUnreported(items) }
        }
        var final = results.indices.map { results[$0].take()! }
        if mode == .allOrNothing, final.contains(where: { $0.outcome == .error }), !Task.isCancelled {
            final = await compensate(final, batchID: batch.id, input: input, route: route, context: context)
        }
        return (.createInvitations(CreateInvitationsOutput(results: final)), batch.id)
    }

    /// Revokes every invitation an all-or-nothing batch created, at most `compensationConcurrency` at once.
    ///
    /// Each created item becomes an error carrying `compensated: true` (revoked) or `false` (the revoke failed:
    /// the invitation may still exist, its id stays in the item); items that failed themselves keep their error.
    func compensate(
        _ results: [BatchItemResult], batchID: String, input: CreateInvitationsInput, route: UpstreamRoute,
        context: UpstreamContext
    ) async -> [BatchItemResult] {
        let created = results.indices.filter { results[$0].outcome == .success && results[$0].invitation?.id != nil }
        var compensated = results
        let journal = state.batches
        let revokeOne: @Sendable (Int) async -> (Int, BatchItemResult) = { position in
            let original = results[position]
            let revoke = CanonicalRequest.revokeInvitation(
                RevokeInvitationInput(invitationID: original.invitation!.id!, organization: input.organization))
            var failure: GatewayError?
            do throws(GatewayError) {
                _ = try await route.upstream.perform(revoke, context: context)
            } catch {
                failure = error
            }
            do {
                try await journal.markCompensated(batchID: batchID, position: position, failure == nil)
            } catch {
                context.logger.warning("The batch journal could not record a compensation: \(error)")
            }
            let message =
                failure.map { "Created, then revoking it failed (\($0.message)); the invitation may still exist." }
                ?? "Revoked again: another email of this all-or-nothing batch failed."
            if let failure {
                context.logger.warning("Orphaned invitation \(original.invitation!.id!): revoke failed: \(failure)")
            }
            return (
                position,
                BatchItemResult(
                    email: original.email, outcome: .error, invitation: original.invitation,
                    error: GatewayError(
                        status: 424, code: .invalidRequest, message: message, requestID: context.metadata.requestID),
                    compensated: failure == nil)
            )
        }
        await withTaskGroup(of: (Int, BatchItemResult).self) { group in
            var next = 0
            while next < min(compensationConcurrency, created.count) {
                let position = created[next]
                group.addTask { await revokeOne(position) }
                next += 1
            }
            for await (position, item) in group {
                compensated[position] = item
                if next < created.count {
                    let position = created[next]
                    group.addTask { await revokeOne(position) }
                    next += 1
                }
            }
        }
        return compensated
    }

    /// Forgets a journaled batch whose answer was delivered; a failure only leaves work for the next recovery.
    func finishBatch(_ batchID: String, logger: Logger) async {
        do {
            try await state.batches.finish(batchID: batchID)
        } catch {
            logger.warning("The batch journal could not forget batch \(batchID): \(error)")
        }
    }
}

/// Journals a batch's outcomes as they arrive, mapping positions in the call sent upstream to the batch's.
///
/// Not an actor: an outcome is recorded from the task that received it, on the request's event loop, with no hop
/// to another executor and back; the set of reported positions is behind a lock.
final class BatchRecorder: Sendable {
    let journal: any BatchJournal
    let batchID: String
    /// The batch position of each email sent upstream, by position in that call.
    let positions: [Int]
    let logger: Logger
    private let reported = NIOLockedValueBox<Set<Int>>([])

    init(journal: any BatchJournal, batchID: String, positions: [Int], logger: Logger) {
        self.journal = journal
        self.batchID = batchID
        self.positions = positions
        self.logger = logger
    }

    /// Records one email's outcome (`position` in the call sent upstream).
    func record(_ position: Int, _ item: BatchItemResult) async {
        _ = reported.withLockedValue { $0.insert(position) }
        do {
            try await journal.record(batchID: batchID, position: positions[position], result: item)
        } catch {
            logger.warning("The batch journal could not record an outcome: \(error)")
        }
    }

    /// Records the outcomes the upstream did not report one by one (a batch created in one call).
    func recordUnreported(_ items: [BatchItemResult]) async {
        let reported = reported.withLockedValue { $0 }
        for (position, item) in items.enumerated() where !reported.contains(position) {
            await record(position, item)
        }
    }
}
