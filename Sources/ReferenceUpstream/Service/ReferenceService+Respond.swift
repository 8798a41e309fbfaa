import InvitationCore

extension ReferenceService {
    /// Accepts or declines an invitation addressed to the caller's email, while it is pending and unexpired.
    ///
    /// Accepting marks it accepted and makes the caller a member with its first role (`member` when it has
    /// none); the output carries the joined organization. Declining marks it rejected. An unknown id is
    /// `not_found`, someone else's invitation `permission_denied`, one no longer pending `invalid_request`.
    func respondToInvitation(
        _ input: RespondToInvitationInput, metadata: RequestMetadata
    ) async throws -> RespondToInvitationOutput {
        let caller = try authenticate(metadata)
        let now = configuration.now()
        return try await writer.write { db in
            guard let stored = try db.invitation(id: input.invitationID) else {
                throw ReferenceErrors.invitationNotFound
            }
            guard caller.owns(email: stored.email) else { throw ReferenceErrors.notYourInvitation }
            let status = stored.effectiveStatus(now: now)
            guard status == .pending else { throw ReferenceErrors.noLongerPending(status) }
            guard let organizationID = stored.organization.id else { throw StoreCorruption() }
            let newStatus: InvitationStatus = input.accept ? .accepted : .rejected
            guard try db.finishPendingInvitation(id: stored.id, status: newStatus) else {
                throw ReferenceErrors.noLongerPending(newStatus)
            }
            if input.accept {
                try db.addMembership(
                    organizationID: organizationID, userID: caller.id, role: stored.roles.first ?? "member",
                    at: now.epochMilliseconds)
            }
            guard let updated = try db.invitation(id: stored.id) else { throw StoreCorruption() }
            return RespondToInvitationOutput(
                accepted: input.accept, organization: input.accept ? updated.organization : nil,
                invitation: updated.invitation(now: now))
        }
    }
}
