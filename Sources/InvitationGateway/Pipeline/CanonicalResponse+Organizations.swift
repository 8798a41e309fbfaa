import InvitationCore

extension CanonicalResponse {
    /// The response with every carried invitation's organization completed through a configured directory.
    ///
    /// An invitation naming no organization gets `requested` (the request's, when it named one), and every
    /// organization gets the identifiers the directory knows (a zenml caller then sees the name of an organization
    /// a k0rdent backend names by id). Without directory entries the response is returned as it is.
    func completingOrganizations(requested: Organization?, directory: OrganizationDirectory) -> CanonicalResponse {
        guard !directory.entries.isEmpty else { return self }
        func complete(_ invitation: Invitation) -> Invitation {
            var invitation = invitation
            if invitation.organization.isUnidentified, let requested { invitation.organization = requested }
            invitation.organization = directory.resolve(invitation.organization)
            return invitation
        }
        switch self {
        case .createInvitations(var output):
            for index in output.results.indices {
                output.results[index].invitation = output.results[index].invitation.map(complete)
            }
            return .createInvitations(output)
        case .getInvitation(let invitation):
            return .getInvitation(complete(invitation))
        case .listInvitations(var page):
            page.invitations = page.invitations.map(complete)
            return .listInvitations(page)
        case .listMyInvitations(var page):
            page.invitations = page.invitations.map(complete)
            return .listMyInvitations(page)
        case .respondToInvitation(var output):
            output.invitation = output.invitation.map(complete)
            return .respondToInvitation(output)
        case .revokeInvitation(var output):
            output.invitation = output.invitation.map(complete)
            return .revokeInvitation(output)
        }
    }
}
