/// What recovery did with one batch a restart found unfinished; log it, it names any orphaned invitation.
public struct BatchRecoveryReport: Sendable, Hashable {
    /// What happened to the batch.
    public enum Action: String, Sendable, Hashable {
        /// All-or-nothing: every created invitation was revoked, or a revoke was tried and failed.
        case compensated
        /// Best-effort: results kept, so a retry with the same `Idempotency-Key` and body reuses the successes.
        case keptForRetry
    }

    public var action: Action
    /// The batch after recovery (its state, and each item's `compensated` flag where a revoke was tried).
    public var batch: JournaledBatch
    /// Invitation ids revoked by this recovery.
    public var revokedInvitationIDs: [String]
    /// Invitation ids whose revoke failed: they exist upstream though their batch failed (orphans).
    public var orphanedInvitationIDs: [String]
    /// Emails whose call was in flight at the crash: the upstream may or may not have created them.
    public var unresolvedEmails: [String]

    public init(
        action: Action, batch: JournaledBatch, revokedInvitationIDs: [String] = [],
        orphanedInvitationIDs: [String] = [], unresolvedEmails: [String] = []
    ) {
        self.action = action
        self.batch = batch
        self.revokedInvitationIDs = revokedInvitationIDs
        self.orphanedInvitationIDs = orphanedInvitationIDs
        self.unresolvedEmails = unresolvedEmails
    }
}
