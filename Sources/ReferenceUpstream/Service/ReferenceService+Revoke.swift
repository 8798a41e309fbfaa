import InvitationCore

extension ReferenceService {
    /// Revokes a pending invitation; owners and admins of its organization only.
    ///
    /// An unknown id (or one outside the named organization) is `not_found`; an invitation that is no longer
    /// pending is `invalid_request`. Returns the revoked invitation.
    func revokeInvitation(_ input: RevokeInvitationInput, metadata: RequestMetadata) async throws
        -> RevokeInvitationOutput
    {
        let caller = try authenticate(metadata)
        let now = configuration.now()
        return try await writer.write { db in
            guard let stored = try Self.invitation(db, id: input.invitationID, in: input.organization) else {
                throw ReferenceErrors.invitationNotFound
            }
            guard let organizationID = stored.organization.id else { throw StoreCorruption() }
            try Self.requireAdmin(db, organizationID: organizationID, caller: caller)
            let status = stored.effectiveStatus(now: now)
            guard status == .pending, try db.finishPendingInvitation(id: stored.id, status: .revoked) else {
                throw ReferenceErrors.noLongerPending(status)
            }
            guard let updated = try db.invitation(id: stored.id) else { throw StoreCorruption() }
            return RevokeInvitationOutput(invitation: updated.invitation(now: now))
        }
    }
}
