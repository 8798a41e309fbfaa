import InvitationCore

extension ReferenceService {
    /// Reads one invitation with its effective status (pending past expiry reads `expired`).
    ///
    /// Without credentials when the input's `email` is the invitation's (the public verify route); otherwise
    /// the caller must be its invitee or an owner/admin of its organization (else `permission_denied`).
    /// A named organization that is not the invitation's makes it `not_found`.
    func getInvitation(_ input: GetInvitationInput, metadata: RequestMetadata) async throws -> Invitation {
        let now = configuration.now()
        if let email = input.email {
            let verified = try await writer.read { db in
                try Self.invitation(db, id: input.invitationID, in: input.organization)
            }
            if let verified, verified.email.asciiLowercased == email.asciiLowercased {
                return verified.invitation(now: now)
            }
        }
        let caller = try authenticate(metadata)
        return try await writer.read { db in
            guard let stored = try Self.invitation(db, id: input.invitationID, in: input.organization) else {
                throw ReferenceErrors.invitationNotFound
            }
            guard let organizationID = stored.organization.id else { throw StoreCorruption() }
            if !caller.owns(email: stored.email) {
                guard try Self.isAdmin(db, organizationID: organizationID, caller: caller) else {
                    throw ReferenceErrors.notYourInvitation
                }
            }
            return stored.invitation(now: now)
        }
    }
}
