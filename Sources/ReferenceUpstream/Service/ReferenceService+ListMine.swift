import InvitationCore

extension ReferenceService {
    /// The caller's own invitations across organizations, oldest first.
    ///
    /// Pending unexpired ones unless the input asks for another (effective) status. Naming an email other than
    /// the caller's is `permission_denied`.
    func listMyInvitations(_ input: ListMyInvitationsInput, metadata: RequestMetadata) async throws -> InvitationPage {
        let caller = try authenticate(metadata)
        if let email = input.email, !caller.owns(email: email) { throw ReferenceErrors.notYourEmail }
        let filter = EffectiveStatusFilter.only(input.status ?? .pending)
        let now = configuration.now()
        let rows = try await writer.read { db in
            try db.invitations(email: caller.email, filter: filter, now: now.epochMilliseconds)
        }
        return InvitationPage(invitations: rows.map { $0.invitation(now: now) })
    }
}
