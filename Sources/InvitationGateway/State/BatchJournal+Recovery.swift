import Foundation
import InvitationCore

extension BatchJournal {
    /// Settles every batch a crash left ``JournaledBatch/State/inFlight``; run once at start-up, before serving.
    ///
    /// For each unfinished batch, oldest first:
    /// - **All-or-nothing**: every recorded created invitation not yet compensated is revoked through
    ///   `revoke`, one at a time; its item is marked `compensated` true when the revoke returned, false when it
    ///   threw (the invitation is an orphan, named in the report). Items already marked true are not revoked
    ///   again, so a crash during recovery is safe. The batch becomes ``JournaledBatch/State/compensated``.
    /// - **Best-effort**: nothing is sent. The batch becomes ``JournaledBatch/State/resumable``: a retry with the
    ///   same `Idempotency-Key` and body finds it with ``resumableBatch(for:)`` and reuses its successes instead
    ///   of creating them again; the failed and unresolved emails are sent again.
    /// - Either way, the batch's idempotency claim is released in `idempotency`, so that retry proceeds at once
    ///   instead of waiting out the claim timeout; a retry with another body still gets `.mismatch`.
    ///
    /// Emails with no recorded outcome were in flight at the crash; they cannot be revoked by id and are listed
    /// as unresolved. Recovered batches older than the idempotency time-to-live are purged here too.
    ///
    /// - Parameters:
    ///   - idempotency: the store holding the batches' claims (nil: claims time out on their own).
    ///   - now: the recovery's clock (tests inject one).
    ///   - revoke: performs one compensating revoke (in the gateway: `.revokeInvitation` on the named upstream);
    ///     throw when it failed.
    /// - Returns: one report per batch recovered.
    public func recoverUnfinishedBatches(
        releasingClaimsIn idempotency: (any IdempotencyStore)? = nil, now: Date = Date(),
        revoke: @Sendable (BatchRevocation) async throws -> Void
    ) async throws -> [BatchRecoveryReport] {
        if let idempotency {
            try await purgeRecovered(startedBefore: now.addingTimeInterval(-idempotency.policy.timeToLive))
        }
        var reports: [BatchRecoveryReport] = []
        for var batch in try await unfinishedBatches() {
            let unresolved = batch.unresolvedPositions.map { batch.input.emails[$0] }
            let report: BatchRecoveryReport
            if batch.allOrNothing {
                var revoked: [String] = []
                var orphaned: [String] = []
                for position in batch.createdPositions where batch.results[position]?.compensated != true {
                    guard let result = batch.results[position], let invitation = result.invitation,
                        let invitationID = invitation.id
                    else { continue }
                    let organization =
                        invitation.organization.isUnidentified ? batch.input.organization : invitation.organization
                    let revocation = BatchRevocation(
                        batchID: batch.id, position: position, email: result.email, invitationID: invitationID,
                        organization: organization, upstream: batch.upstream, requestID: batch.requestID)
                    var compensated: Bool
                    do {
                        try await revoke(revocation)
                        compensated = true
                        revoked.append(invitationID)
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        compensated = false
                        orphaned.append(invitationID)
                    }
                    try await markCompensated(batchID: batch.id, position: position, compensated)
                    batch.results[position]?.compensated = compensated
                }
                try await setState(batchID: batch.id, .compensated)
                batch.state = .compensated
                report = BatchRecoveryReport(
                    action: .compensated, batch: batch, revokedInvitationIDs: revoked, orphanedInvitationIDs: orphaned,
                    unresolvedEmails: unresolved)
            } else {
                try await setState(batchID: batch.id, .resumable)
                batch.state = .resumable
                report = BatchRecoveryReport(action: .keptForRetry, batch: batch, unresolvedEmails: unresolved)
            }
            if let claim = batch.idempotency, let idempotency {
                try await idempotency.release(key: claim.key, scope: claim.scope)
            }
            reports.append(report)
        }
        return reports
    }
}
